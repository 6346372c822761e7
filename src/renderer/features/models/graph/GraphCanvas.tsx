import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { drawGraph } from './drawGraph.js';
import type { GraphModel } from './graphModel.js';
import type { GraphPalette } from './graphPalette.js';
import type { GraphLayout } from './layoutGraph.js';
import { buildGraphIndex, queryIndex } from './spatialIndex.js';
import { distanceToPolyline, zoomAt, type Transform } from './viewport.js';
import classes from './GraphView.module.css';

export interface GraphCanvasProps {
  model: GraphModel;
  layout: GraphLayout;
  width: number;
  height: number;
  transform: Transform;
  onTransform: (update: (t: Transform) => Transform) => void;
  selected: number;
  matches: ReadonlySet<number>;
  current: number;
  onSelect: (index: number) => void;
  palette: GraphPalette;
  /** Called after each paint with how long it took and how many boxes it drew. */
  onPaint?: (ms: number, boxes: number) => void;
}

interface Hover {
  kind: 'edge' | 'node';
  index: number;
  x: number;
  y: number;
}

/** The graph on a canvas: drag to pan, wheel to zoom, click a box to select it, hover an edge for its shape. */
export function GraphCanvas(props: GraphCanvasProps) {
  const {
    model,
    layout,
    width,
    height,
    transform,
    onTransform,
    selected,
    matches,
    current,
    onSelect,
    palette,
  } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const index = useMemo(() => buildGraphIndex(layout), [layout]);
  const onPaint = useRef(props.onPaint);
  useEffect(() => {
    onPaint.current = props.onPaint;
  });

  const hoverEdge = hover?.kind === 'edge' ? hover.index : -1;
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0 || height === 0) return;
    const frame = requestAnimationFrame(() => {
      const started = performance.now();
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
      if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
      const state = { transform, width, height, selected, matches, current, hoverEdge };
      const boxes = drawGraph(ctx, model, layout, index, state, palette, dpr);
      onPaint.current?.(performance.now() - started, boxes);
    });
    return () => cancelAnimationFrame(frame);
  }, [model, layout, index, width, height, transform, selected, matches, current, hoverEdge, palette]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015));
      onTransform((t) => zoomAt(t, factor, event.clientX - rect.left, event.clientY - rect.top));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [onTransform]);

  const toWorld = (event: ReactPointerEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const sx = event.clientX - rect.left;
    const sy = event.clientY - rect.top;
    return { sx, sy, wx: (sx - transform.x) / transform.k, wy: (sy - transform.y) / transform.k };
  };

  const nodeAt = (wx: number, wy: number): number =>
    queryIndex(index, 'boxes', { x: wx, y: wy, width: 0, height: 0 }).find((i) => {
      const b = layout.nodes[i]!;
      return wx >= b.x && wx <= b.x + b.width && wy >= b.y && wy <= b.y + b.height;
    }) ?? -1;

  const edgeAt = (wx: number, wy: number): number => {
    const reach = 5 / transform.k;
    let best = -1;
    let bestDistance = reach;
    const near = { x: wx - reach, y: wy - reach, width: 2 * reach, height: 2 * reach };
    for (const e of queryIndex(index, 'edges', near)) {
      const b = index.edgeBounds[e]!;
      if (wx < b.x - reach || wx > b.x + b.width + reach || wy < b.y - reach || wy > b.y + b.height + reach)
        continue;
      const d = distanceToPolyline(layout.edges[e]!, wx, wy);
      if (d < bestDistance) {
        bestDistance = d;
        best = e;
      }
    }
    return best;
  };

  const tip = ((): { title: string; lines: string[]; mismatch?: boolean } | null => {
    if (!hover) return null;
    if (hover.kind === 'edge') {
      const edge = model.edges[hover.index];
      if (!edge) return null;
      if (edge.observed === null) return { title: edge.value, lines: [edge.label || 'shape unknown'] };
      return {
        title: edge.value,
        lines: [`observed ${edge.label}`, `inferred ${edge.inferred || '?'}`],
        mismatch: edge.observed === 'mismatch',
      };
    }
    const node = model.nodes[hover.index];
    if (!node || node.kind !== 'op') return null;
    return { title: node.name || '(unnamed node)', lines: [node.opType] };
  })();
  const [cursor, setCursor] = useState<'grab' | 'grabbing' | 'pointer'>('grab');

  return (
    <div className={classes.canvasWrap}>
      <canvas
        ref={canvasRef}
        style={{ width, height, cursor }}
        data-testid="graph-canvas"
        aria-label={`Model graph: ${model.nodes.length} boxes. Use the search field to find a node.`}
        role="img"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, moved: false };
          setCursor('grabbing');
        }}
        onPointerMove={(event) => {
          const d = drag.current;
          if (d) {
            const dx = event.clientX - d.x;
            const dy = event.clientY - d.y;
            if (!d.moved && Math.hypot(dx, dy) < 3) return;
            d.moved = true;
            d.x = event.clientX;
            d.y = event.clientY;
            onTransform((t) => ({ ...t, x: t.x + dx, y: t.y + dy }));
            return;
          }
          const { sx, sy, wx, wy } = toWorld(event);
          const node = nodeAt(wx, wy);
          const edge = node >= 0 ? -1 : edgeAt(wx, wy);
          setCursor(node >= 0 ? 'pointer' : 'grab');
          setHover(
            node >= 0
              ? { kind: 'node', index: node, x: sx, y: sy }
              : edge >= 0
                ? { kind: 'edge', index: edge, x: sx, y: sy }
                : null,
          );
        }}
        onPointerUp={(event) => {
          const d = drag.current;
          drag.current = null;
          setCursor('grab');
          if (!d || d.moved) return;
          const { wx, wy } = toWorld(event);
          onSelect(nodeAt(wx, wy));
        }}
        onPointerLeave={() => setHover(null)}
      />
      {tip && hover && (
        <div
          className={classes.edgeTip}
          style={{ left: Math.min(hover.x + 12, width - 260), top: hover.y + 14 }}
          data-testid={hover.kind === 'edge' ? 'edge-tooltip' : 'node-tooltip'}
        >
          <span className={classes.edgeTipName}>{tip.title}</span>
          {tip.lines.map((line) => (
            <span key={line}>{line}</span>
          ))}
          {tip.mismatch && <span className={classes.mismatch}>observed ≠ inferred</span>}
        </div>
      )}
    </div>
  );
}
