import type { GraphModel } from './graphModel.js';
import { addTrunks } from './layout/addTrunks.js';
import { orderLayers } from './layout/orderLayers.js';
import { placeNodes } from './layout/placeNodes.js';
import { rankNodes, topologicalOrder } from './layout/rankNodes.js';

/** Only what the layout needs, so it crosses to the worker cheaply. */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; from: string; to: string }[];
}

/** Where each box and edge goes; `x`/`y` are a box's top-left corner, in layout units (px at 100%). */
export interface GraphLayout {
  nodes: { x: number; y: number; width: number; height: number }[];
  /**
   * Per edge, its polyline as [x0, y0, x1, y1, ...]; empty for an edge naming an unknown box. Readers
   * of one producer share a trunk: the second reader's line starts where the first one's branched
   * off, so each stretch of the trunk is drawn once.
   */
  edges: number[][];
  width: number;
  height: number;
  /** Time the layout itself took. */
  elapsedMs: number;
}

export const RANK_SEP = 24;
export const MARGIN = 16;

export function layoutInput(model: GraphModel): LayoutInput {
  return {
    nodes: model.nodes.map(({ id, width, height }) => ({ id, width, height })),
    edges: model.edges.map(({ id, from, to }) => ({ id, from, to })),
  };
}

/** Drops the middle of three points on one line, so a long straight edge is two points, not hundreds. */
function simplify(points: number[]): number[] {
  const kept: number[] = [points[0]!, points[1]!];
  for (let i = 2; i + 3 < points.length; i += 2) {
    const [ax, ay] = [kept[kept.length - 2]!, kept[kept.length - 1]!];
    const [bx, by, cx, cy] = [points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!];
    if (Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) > 1e-6 * Math.hypot(cx - ax, cy - ay)) {
      kept.push(bx, by);
    }
  }
  kept.push(points[points.length - 2]!, points[points.length - 1]!);
  return kept;
}

/**
 * Top-to-bottom layered layout (Sugiyama), tuned for models: mostly chains and residual branches,
 * tens of thousands of nodes. Longest-path ranks pulled down to their consumers, long edges sharing a
 * trunk of dummies per producer, bounded barycenter sweeps, linear-time centring passes, polyline
 * edges. Every step is linear or n·log n and iterative (a model thousands of layers deep overflows
 * no stack). Deterministic: the same input gives the same layout.
 */
export function layoutGraph(input: LayoutInput): GraphLayout {
  const started = performance.now();
  const count = input.nodes.length;
  const index = new Map(input.nodes.map((node, i) => [node.id, i]));
  const known = input.edges.filter(
    (edge) => index.has(edge.from) && index.has(edge.to) && edge.from !== edge.to,
  );
  const from = Int32Array.from(known, (edge) => index.get(edge.from)!);
  const to = Int32Array.from(known, (edge) => index.get(edge.to)!);

  const order = topologicalOrder(count, { tails: from, heads: to });
  const place = new Int32Array(count);
  order.forEach((v, i) => (place[v] = i));
  // Every edge points forward in the order; an edge closing a cycle is laid out reversed.
  const reversed = Uint8Array.from(from, (u, e) => (place[u]! > place[to[e]!]! ? 1 : 0));
  const tails = Int32Array.from(from, (u, e) => (reversed[e] ? to[e]! : u));
  const heads = Int32Array.from(to, (v, e) => (reversed[e] ? from[e]! : v));
  const rank = rankNodes(count, { tails, heads }, order);
  const graph = addTrunks(count, { tails, heads }, rank);
  const ordering = orderLayers(graph);
  const widths = Float64Array.from(input.nodes, (node) => node.width);
  const center = placeNodes(graph, ordering, widths);

  const depth = ordering.layers.length;
  const rankHeight = new Float64Array(depth);
  for (let v = 0; v < count; v++)
    rankHeight[rank[v]!] = Math.max(rankHeight[rank[v]!]!, input.nodes[v]!.height);
  const rankTop = new Float64Array(depth);
  for (let r = 1; r < depth; r++) rankTop[r] = rankTop[r - 1]! + rankHeight[r - 1]! + RANK_SEP;
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (let v = 0; v < graph.count; v++) {
    const half = v < count ? widths[v]! / 2 : 0;
    left = Math.min(left, center[v]! - half);
    right = Math.max(right, center[v]! + half);
  }
  const shiftX = count === 0 ? 0 : MARGIN - left;

  const nodes = input.nodes.map((node, v) => {
    const r = rank[v]!;
    return {
      x: center[v]! + shiftX - node.width / 2,
      y: MARGIN + rankTop[r]! + (rankHeight[r]! - node.height) / 2,
      width: node.width,
      height: node.height,
    };
  });
  const routes: number[][] = known.map((_, e) => {
    const points: number[] = [];
    const first = graph.pathOffsets[e]!;
    const last = graph.pathOffsets[e + 1]! - 1;
    for (let k = first; k <= last; k++) {
      const v = graph.pathNodes[k]!;
      const r = graph.rank[v]!;
      const y =
        k === first && v < count
          ? nodes[v]!.y + nodes[v]!.height
          : k === last
            ? nodes[v]!.y
            : MARGIN + rankTop[r]! + rankHeight[r]! / 2;
      points.push(center[v]! + shiftX, y);
    }
    const simple = simplify(points);
    if (!reversed[e]) return simple;
    const back: number[] = [];
    for (let i = simple.length - 2; i >= 0; i -= 2) back.push(simple[i]!, simple[i + 1]!);
    return back;
  });
  const routeOf = new Map(known.map((edge, e) => [edge, routes[e]!]));
  return {
    nodes,
    edges: input.edges.map((edge) => routeOf.get(edge) ?? []),
    width: count === 0 ? 0 : right - left + 2 * MARGIN,
    height: depth === 0 ? 0 : rankTop[depth - 1]! + rankHeight[depth - 1]! + 2 * MARGIN,
    elapsedMs: performance.now() - started,
  };
}
