import type { GraphLayout } from './layoutGraph.js';
import { polylineBounds, type Rect } from './viewport.js';

/** World units per grid cell: a few boxes wide, so a view at 100 % touches a handful of cells. */
const CELL = 512;

/** Items (boxes or edges) by the grid cells their bounds touch, in compressed rows. */
interface Grid {
  columns: number;
  rows: number;
  offsets: Int32Array;
  items: Int32Array;
}

/** What drawing and hit-testing look up instead of walking every box and edge. */
export interface GraphIndex {
  edgeBounds: Rect[];
  boxes: Grid;
  edges: Grid;
  /** Scratch for de-duplicating a query's answer (an item in several cells). */
  seen: Uint32Array;
  stamp: number;
}

function cellRange(rect: Rect, columns: number, rows: number) {
  const clamp = (v: number, max: number) => Math.min(max - 1, Math.max(0, Math.floor(v / CELL)));
  return {
    x0: clamp(rect.x, columns),
    x1: clamp(rect.x + rect.width, columns),
    y0: clamp(rect.y, rows),
    y1: clamp(rect.y + rect.height, rows),
  };
}

function buildGrid(rects: readonly Rect[], columns: number, rows: number): Grid {
  const offsets = new Int32Array(columns * rows + 1);
  const each = (visit: (cell: number, item: number) => void) =>
    rects.forEach((rect, item) => {
      if (!(rect.width >= 0)) return;
      const { x0, x1, y0, y1 } = cellRange(rect, columns, rows);
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) visit(y * columns + x, item);
    });
  each((cell) => offsets[cell + 1]!++);
  for (let c = 0; c < columns * rows; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, columns * rows);
  const items = new Int32Array(offsets[columns * rows]!);
  each((cell, item) => (items[fill[cell]!++] = item));
  return { columns, rows, offsets, items };
}

export function buildGraphIndex(layout: GraphLayout): GraphIndex {
  const edgeBounds = layout.edges.map(polylineBounds);
  const columns = Math.max(1, Math.ceil(layout.width / CELL));
  const rows = Math.max(1, Math.ceil(layout.height / CELL));
  return {
    edgeBounds,
    boxes: buildGrid(layout.nodes, columns, rows),
    edges: buildGrid(edgeBounds, columns, rows),
    seen: new Uint32Array(Math.max(layout.nodes.length, layout.edges.length)),
    stamp: 0,
  };
}

/** The boxes (or edges) whose cells touch `view`, each once, in ascending order. */
export function queryIndex(index: GraphIndex, which: 'boxes' | 'edges', view: Rect): number[] {
  const grid = index[which];
  index.stamp = (index.stamp + 1) >>> 0 || 1;
  const { x0, x1, y0, y1 } = cellRange(view, grid.columns, grid.rows);
  const found: number[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cell = y * grid.columns + x;
      for (let i = grid.offsets[cell]!; i < grid.offsets[cell + 1]!; i++) {
        const item = grid.items[i]!;
        if (index.seen[item] === index.stamp) continue;
        index.seen[item] = index.stamp;
        found.push(item);
      }
    }
  }
  return found.sort((a, b) => a - b);
}
