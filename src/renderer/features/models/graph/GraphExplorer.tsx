import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ModelRef } from '../../../../shared/contract/modelRegistry.js';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import { shapeRows } from '../../../../shared/models/shapeRows.js';
import { GraphView } from './GraphView.js';
import { ObserveShapes } from './ObserveShapes.js';
import { useObservedShapes } from './useObservedShapes.js';

// Truncated like mlw-truncate, with room below the baseline so underscores in names stay visible.
const crumbStyle = {
  display: 'block',
  maxWidth: 220,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  lineHeight: 1.6,
} as const;

interface Level {
  graph: GraphSummary;
  /** `If_0 › then_branch` */
  label: string;
}

/**
 * The model's graph, and the bodies of its If, Loop and Scan nodes one level at a time, with a trail
 * back; shapes observed by a run show at every level (inside bodies, as not observable).
 */
export function GraphExplorer({
  graph,
  focus,
  model,
}: {
  graph: GraphSummary;
  focus?: string;
  model: ModelRef;
}) {
  const [stack, setStack] = useState<Level[]>([]);
  const [observed, setObserved] = useObservedShapes(model);
  const rows = useMemo(() => (observed ? shapeRows(graph, observed) : null), [graph, observed]);
  const shapes = useMemo(() => (rows ? new Map(rows.map((row) => [row.name, row])) : null), [rows]);
  const levels: Level[] = [{ graph, label: graph.name || 'main graph' }, ...stack];
  const current = levels[levels.length - 1]!;
  const trail =
    stack.length === 0 ? null : (
      <Breadcrumbs
        separator="›"
        separatorMargin={4}
        data-testid="graph-trail"
        style={{ flex: 'none', maxWidth: '40%' }}
      >
        {levels.map((level, depth) =>
          depth === levels.length - 1 ? (
            <Text key={depth} size="xs" fw={600} style={crumbStyle} title={level.label}>
              {level.label}
            </Text>
          ) : (
            <Anchor
              key={depth}
              component="button"
              type="button"
              size="xs"
              onClick={() => setStack((s) => s.slice(0, depth))}
              style={crumbStyle}
              title={level.label}
              data-testid="graph-trail-link"
            >
              {level.label}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    );
  return (
    <GraphView
      key={stack.length}
      graph={current.graph}
      {...(stack.length === 0 && focus !== undefined ? { focus } : {})}
      trail={trail}
      shapes={shapes}
      observe={
        <ObserveShapes
          model={model}
          graph={graph}
          rows={rows}
          lastDims={observed?.dims ?? null}
          onObserved={setObserved}
        />
      }
      onOpenSubgraph={(nodeIndex, attribute) => {
        const node = current.graph.nodes[nodeIndex];
        const sub = node?.subgraphs.find((s) => s.attribute === attribute);
        if (!node || !sub) return;
        setStack((s) => [...s, { graph: sub.graph, label: `${node.name || node.opType} › ${attribute}` }]);
      }}
    />
  );
}
