import { ActionIcon, Button, Group, Kbd, Loader, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronUp,
  IconMaximize,
  IconSearch,
  IconZoomIn,
  IconZoomOut,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { GraphCanvas } from './GraphCanvas.js';
import type { ShapeRow } from '../../../../shared/models/shapeRows.js';
import { buildGraphModel, withObservedShapes, type GraphNode } from './graphModel.js';
import { useGraphPalette } from './graphPalette.js';
import { NodeDetails } from './NodeDetails.js';
import { searchNodes, stepMatch } from './search.js';
import { useGraphLayout } from './useGraphLayout.js';
import { centerOn, fitTransform, formatZoom, ZOOM_STEP, zoomAt, type Transform } from './viewport.js';
import { countOf } from '../format.js';
import classes from './GraphView.module.css';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The box of the node a finding names; a node inside a subgraph is shown by its top-level holder. */
function findFocus(nodes: readonly GraphNode[], name: string): number {
  const exact = nodes.findIndex((n) => n.kind === 'op' && n.name === name);
  if (exact >= 0) return exact;
  const top = name.split('/')[0];
  return nodes.findIndex((n) => n.kind === 'op' && n.name === top);
}

/**
 * The model's graph: laid out in a worker, drawn on a canvas, with search, zoom and a details panel.
 * `focus` names a node to select once the layout is ready (a finding's "show in graph").
 */
export function GraphView({
  graph,
  focus,
  trail,
  shapes = null,
  observe,
  onOpenSubgraph,
}: {
  graph: GraphSummary;
  focus?: string;
  /** Where this graph sits (model › node › branch), shown before the search field. */
  trail?: ReactNode;
  /** Shapes a run observed, by value name: edges and the details panel show them. */
  shapes?: ReadonlyMap<string, ShapeRow> | null;
  /** The control that observes shapes, in the toolbar. */
  observe?: ReactNode;
  onOpenSubgraph?: (nodeIndex: number, attribute: string) => void;
}) {
  const [openedAt] = useState(() => performance.now());
  const structure = useMemo(() => buildGraphModel(graph), [graph]);
  const state = useGraphLayout(structure);
  const model = useMemo(() => withObservedShapes(structure, shapes), [structure, shapes]);
  const layout = state.status === 'done' ? state.layout : null;
  const palette = useGraphPalette();
  const { ref: stageRef, width, height } = useElementSize();
  const [transform, setTransform] = useState<Transform | null>(null);
  const [selected, setSelected] = useState(-1);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const [firstPaintMs, setFirstPaintMs] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => searchNodes(model.nodes, query), [model, query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const currentNode = current >= 0 ? (matches[current] ?? -1) : -1;

  // A node brought into view stays centred while the view resizes (the details panel opening), until
  // the user pans or zooms.
  const [revealed, setRevealed] = useState<{ index: number; width: number; height: number } | null>(null);
  if (revealed && layout && (revealed.width !== width || revealed.height !== height)) {
    const box = layout.nodes[revealed.index];
    setRevealed({ ...revealed, width, height });
    if (box) {
      setTransform((t) =>
        centerOn(t ?? { x: 0, y: 0, k: 1 }, box.x + box.width / 2, box.y + box.height / 2, width, height),
      );
    }
  }

  const onTransform = useCallback((update: (t: Transform) => Transform) => {
    setRevealed(null);
    setTransform((t) => (t ? update(t) : t));
  }, []);

  const fit = useCallback(() => {
    setRevealed(null);
    if (layout && width > 0)
      setTransform(fitTransform({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height));
  }, [layout, width, height]);

  const reveal = useCallback(
    (index: number) => {
      const box = layout?.nodes[index];
      if (!box) return;
      setRevealed({ index, width, height });
      setTransform((t) =>
        centerOn(t ?? { x: 0, y: 0, k: 1 }, box.x + box.width / 2, box.y + box.height / 2, width, height),
      );
    },
    [layout, width, height],
  );

  // The first view of a new layout: fitted, or on the node asked for.
  const [shownLayout, setShownLayout] = useState<typeof layout>(null);
  if (layout && width > 0 && height > 0 && shownLayout !== layout) {
    setShownLayout(layout);
    const focusIndex = focus === undefined ? -1 : findFocus(model.nodes, focus);
    if (focusIndex >= 0) {
      const box = layout.nodes[focusIndex]!;
      setSelected(focusIndex);
      setRevealed({ index: focusIndex, width, height });
      setTransform(
        centerOn({ x: 0, y: 0, k: 1 }, box.x + box.width / 2, box.y + box.height / 2, width, height, 1),
      );
    } else {
      setTransform(fitTransform({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height));
    }
  }

  const step = useCallback(
    (direction: 1 | -1) => {
      const next = stepMatch(matches.length, current, direction);
      setCurrent(next);
      const index = matches[next];
      if (index !== undefined) {
        setSelected(index);
        reveal(index);
      }
    },
    [matches, current, reveal],
  );

  const zoom = useCallback(
    (factor: number) => {
      setRevealed(null);
      setTransform((t) => (t ? zoomAt(t, factor, width / 2, height / 2) : t));
    },
    [width, height],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (document.activeElement === searchRef.current) searchRef.current?.blur();
        setSelected(-1);
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === '+' || event.key === '=') {
        zoom(ZOOM_STEP);
      } else if (event.key === '-' || event.key === '_') {
        zoom(1 / ZOOM_STEP);
      } else if (event.key === '0') {
        fit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoom, fit]);

  // Paint timings go straight to the DOM (for tests and curious users), not through React state.
  const rootRef = useRef<HTMLDivElement>(null);
  const onPaint = useCallback(
    (ms: number, boxes: number) => {
      const root = rootRef.current;
      if (root) {
        root.dataset.paintMs = ms.toFixed(1);
        root.dataset.paintBoxes = String(boxes);
      }
      setFirstPaintMs((first) => first ?? performance.now() - openedAt);
    },
    [openedAt],
  );

  const selectedNode = selected >= 0 ? model.nodes[selected] : undefined;
  const matchText =
    query.trim() === ''
      ? ''
      : matches.length === 0
        ? 'no match'
        : `${current >= 0 ? current + 1 : 0} / ${formatCount(matches.length)}`;

  return (
    <div
      ref={rootRef}
      className={classes.root}
      data-testid="graph-view"
      data-layout-state={state.status}
      data-layout-ms={state.status === 'done' ? Math.round(state.layout.elapsedMs) : undefined}
      data-layout-total-ms={state.status === 'done' ? Math.round(state.totalMs) : undefined}
      data-first-paint-ms={firstPaintMs === null ? undefined : Math.round(firstPaintMs)}
      data-zoom={transform ? transform.k.toFixed(3) : undefined}
    >
      <div className={classes.toolbar}>
        {trail}
        <TextInput
          ref={searchRef}
          // Gives way to the trail and the toolbar's controls before anything wraps or is cut.
          style={{ flex: '0 1 280px', minWidth: 150 }}
          placeholder="Find a node by name or op type"
          aria-label="Find a node by name or op type"
          leftSection={<IconSearch size={14} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setCurrent(-1);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              step(event.shiftKey ? -1 : 1);
            }
          }}
          data-testid="graph-search"
        />
        <Tooltip label="Previous match (Shift+Enter)">
          <ActionIcon
            aria-label="Previous match"
            onClick={() => step(-1)}
            disabled={matches.length === 0}
            data-testid="graph-search-prev"
          >
            <IconChevronUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Next match (Enter)">
          <ActionIcon
            aria-label="Next match"
            onClick={() => step(1)}
            disabled={matches.length === 0}
            data-testid="graph-search-next"
          >
            <IconChevronDown size={16} />
          </ActionIcon>
        </Tooltip>
        <Text size="xs" c="dimmed" className="mlw-num" miw={64} data-testid="graph-search-count">
          {matchText}
        </Text>
        <Group gap={2} ml="auto" wrap="nowrap">
          {observe}
          <Text size="xs" c="dimmed" mx="xs" style={{ whiteSpace: 'nowrap' }} data-testid="graph-size">
            {countOf(graph.nodes.length, 'node')}
          </Text>
          <Tooltip label="Zoom out (−)">
            <ActionIcon
              aria-label="Zoom out"
              onClick={() => zoom(1 / ZOOM_STEP)}
              disabled={!layout}
              data-testid="graph-zoom-out"
            >
              <IconZoomOut size={16} />
            </ActionIcon>
          </Tooltip>
          <Text size="xs" className="mlw-num" w={44} ta="center" data-testid="graph-zoom">
            {transform ? formatZoom(transform.k) : '—'}
          </Text>
          <Tooltip label="Zoom in (+)">
            <ActionIcon
              aria-label="Zoom in"
              onClick={() => zoom(ZOOM_STEP)}
              disabled={!layout}
              data-testid="graph-zoom-in"
            >
              <IconZoomIn size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Fit the graph (0)">
            <ActionIcon aria-label="Fit the graph" onClick={fit} disabled={!layout} data-testid="graph-fit">
              <IconMaximize size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </div>
      <div className={classes.body} data-details={selectedNode ? true : undefined}>
        <div className={classes.stage} ref={stageRef}>
          {model.nodes.length === 0 ? (
            <div className={classes.overlay}>
              <Text size="sm" c="dimmed" data-testid="graph-empty">
                This graph has no nodes.
              </Text>
            </div>
          ) : state.status === 'running' ? (
            <div className={classes.overlay} data-testid="graph-layout-running">
              <Stack align="center" gap="xs">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  Laying out {formatCount(model.nodes.length)} nodes and {formatCount(model.edges.length)}{' '}
                  edges…
                </Text>
              </Stack>
            </div>
          ) : state.status === 'error' ? (
            <div className={classes.overlay}>
              <Stack maw={480}>
                <ErrorAlert
                  title="The graph could not be laid out"
                  error={{
                    code: 'INTERNAL',
                    message: state.message,
                    hint: 'The other tabs still work; please report the model.',
                  }}
                />
                <Button variant="default" onClick={() => window.location.reload()}>
                  Reload
                </Button>
              </Stack>
            </div>
          ) : (
            layout &&
            transform && (
              <GraphCanvas
                model={model}
                layout={layout}
                width={width}
                height={height}
                transform={transform}
                onTransform={onTransform}
                selected={selected}
                matches={matchSet}
                current={currentNode}
                onSelect={setSelected}
                palette={palette}
                onPaint={onPaint}
              />
            )
          )}
        </div>
        {selectedNode && (
          <NodeDetails
            node={selectedNode}
            graph={graph}
            shapes={shapes}
            onClose={() => setSelected(-1)}
            {...(onOpenSubgraph && selectedNode.kind === 'op'
              ? { onOpenSubgraph: (attribute: string) => onOpenSubgraph(selectedNode.index, attribute) }
              : {})}
          />
        )}
      </div>
    </div>
  );
}
