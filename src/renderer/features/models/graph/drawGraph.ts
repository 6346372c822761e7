import type { GraphModel } from './graphModel.js';
import { familyOf, type GraphPalette } from './graphPalette.js';
import type { GraphLayout } from './layoutGraph.js';
import { queryIndex, type GraphIndex } from './spatialIndex.js';
import { intersects, visibleWorld, type Transform } from './viewport.js';

export interface DrawState {
  transform: Transform;
  width: number;
  height: number;
  selected: number;
  matches: ReadonlySet<number>;
  current: number;
  hoverEdge: number;
}

/** Below this zoom boxes lose their text; below the next, edges lose their arrowheads. */
const TEXT_ZOOM = 0.45;
const ARROW_ZOOM = 0.35;
const EDGE_LABEL_ZOOM = 0.9;
const SHORT_EDGE_ZOOM = 0.05;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif';

function truncate(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > maxWidth) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Draws what the view shows and nothing else: the spatial index hands over only the boxes and edges
 * near the view, text and arrowheads only where they would be legible. Returns how many boxes were drawn.
 */
export function drawGraph(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  layout: GraphLayout,
  index: GraphIndex,
  state: DrawState,
  palette: GraphPalette,
  dpr: number,
): number {
  const { transform: t, width, height } = state;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  const view = visibleWorld(t, width, height);
  const px = 1 / t.k;
  const { edgeBounds } = index;
  // Far out, an edge between neighbouring ranks is under a pixel long and only blurs the boxes: only
  // the long ones (skips, trunks) that show the model's shape are drawn.
  const shortest = t.k < SHORT_EDGE_ZOOM ? 3 * px : 0;
  const visibleEdges = queryIndex(index, 'edges', view).filter(
    (e) => intersects(edgeBounds[e]!, view) && edgeBounds[e]!.height >= shortest,
  );
  const visibleBoxes = queryIndex(index, 'boxes', view).filter((i) => intersects(layout.nodes[i]!, view));

  // Edges: one path for all, then the selected node's edges and the hovered one on top.
  const selectedId = state.selected >= 0 ? model.nodes[state.selected]?.id : undefined;
  const strong: number[] = [];
  ctx.beginPath();
  for (const e of visibleEdges) {
    const edge = model.edges[e]!;
    if (e === state.hoverEdge || (selectedId && (edge.from === selectedId || edge.to === selectedId))) {
      strong.push(e);
      continue;
    }
    tracePolyline(ctx, layout.edges[e]!);
  }
  ctx.strokeStyle = palette.edge;
  ctx.lineWidth = px;
  ctx.stroke();
  if (t.k >= ARROW_ZOOM) {
    ctx.fillStyle = palette.edge;
    ctx.beginPath();
    for (const e of visibleEdges) traceArrow(ctx, layout.edges[e]!, 5);
    ctx.fill();
  }
  if (strong.length > 0) {
    ctx.beginPath();
    for (const e of strong) tracePolyline(ctx, layout.edges[e]!);
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = 2 * px;
    ctx.stroke();
    ctx.fillStyle = palette.accent;
    ctx.beginPath();
    for (const e of strong) traceArrow(ctx, layout.edges[e]!, 6);
    ctx.fill();
  }

  // Boxes: zoomed out, plain rectangles, one path per colour (thousands of fills cost more than the
  // whole drawing); close enough to read, rounded and outlined with their text.
  const withText = t.k >= TEXT_ZOOM;
  if (!withText) {
    const byFill = new Map<string, number[]>();
    for (const i of visibleBoxes) {
      const node = model.nodes[i]!;
      const fill = palette.fill[familyOf(node.opType, node.kind)];
      const group = byFill.get(fill);
      if (group) group.push(i);
      else byFill.set(fill, [i]);
    }
    for (const [fill, group] of byFill) {
      ctx.fillStyle = fill;
      ctx.beginPath();
      for (const i of group) {
        const box = layout.nodes[i]!;
        ctx.rect(box.x, box.y, Math.max(box.width, 2 * px), Math.max(box.height, 2 * px));
      }
      ctx.fill();
    }
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const i of withText ? visibleBoxes : []) {
    const box = layout.nodes[i]!;
    const node = model.nodes[i]!;
    ctx.fillStyle = palette.fill[familyOf(node.opType, node.kind)];
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.width, box.height, node.kind === 'op' ? 4 : box.height / 2);
    ctx.fill();
    ctx.strokeStyle = palette.border;
    ctx.lineWidth = px;
    ctx.stroke();
    ctx.fillStyle = palette.text;
    ctx.font = node.kind === 'op' ? `600 11px ${FONT}` : `11px ${FONT}`;
    ctx.fillText(
      truncate(ctx, node.label, box.width - 10),
      box.x + box.width / 2,
      box.y + box.height / 2 + 0.5,
    );
  }

  // Edge labels (tensor shapes) when there is room to read them.
  if (t.k >= EDGE_LABEL_ZOOM) {
    ctx.font = `10px ${FONT}`;
    ctx.textAlign = 'left';
    for (const e of visibleEdges) {
      const { label, observed } = model.edges[e]!;
      if (!label) continue;
      const points = layout.edges[e]!;
      const mid = Math.floor(points.length / 4) * 2;
      const x = points[mid]! + 4;
      const y = points[mid + 1]!;
      ctx.fillStyle = palette.background;
      const w = ctx.measureText(label).width;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(x - 1, y - 6, w + 2, 12);
      ctx.globalAlpha = 1;
      ctx.fillStyle =
        observed === 'mismatch' ? palette.mismatch : observed ? palette.observed : palette.edgeLabel;
      ctx.fillText(label, x, y);
    }
  }

  // Outlines last, so neighbours never cover them: search matches, then the selection.
  const outline = (i: number, color: string, widthPx: number) => {
    const box = layout.nodes[i];
    if (!box) return;
    const pad = 2 * px;
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx * px;
    ctx.beginPath();
    ctx.rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad);
    ctx.stroke();
  };
  for (const i of state.matches) if (i !== state.current) outline(i, palette.match, 1.5);
  if (state.current >= 0) outline(state.current, palette.match, 3);
  if (state.selected >= 0) outline(state.selected, palette.accent, 2.5);
  return visibleBoxes.length;
}

function tracePolyline(ctx: CanvasRenderingContext2D, points: readonly number[]): void {
  ctx.moveTo(points[0]!, points[1]!);
  for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
}

function traceArrow(ctx: CanvasRenderingContext2D, points: readonly number[], size: number): void {
  const n = points.length;
  if (n < 4) return;
  const x = points[n - 2]!;
  const y = points[n - 1]!;
  const angle = Math.atan2(y - points[n - 3]!, x - points[n - 4]!);
  ctx.moveTo(x, y);
  ctx.lineTo(x - size * Math.cos(angle - 0.45), y - size * Math.sin(angle - 0.45));
  ctx.lineTo(x - size * Math.cos(angle + 0.45), y - size * Math.sin(angle + 0.45));
  ctx.closePath();
}
