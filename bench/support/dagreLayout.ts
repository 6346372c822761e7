// The graph layout as it was before our own layered layout (dagre, with an iterative ranker and
// ordering above LARGE_GRAPH nodes): the baseline bench/graph-layout.mjs times ours against.
import dagre, { type graphlib } from '@dagrejs/dagre';
import type { GraphModel } from '../../src/renderer/features/models/graph/graphModel.js';

/** Only what the layout needs, so it crosses to the worker cheaply. */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; from: string; to: string }[];
}

/** Where each box and edge goes; `x`/`y` are a box's top-left corner, in layout units (px at 100%). */
export interface GraphLayout {
  nodes: { x: number; y: number; width: number; height: number }[];
  /** Per edge, its polyline as [x0, y0, x1, y1, ...]. */
  edges: number[][];
  width: number;
  height: number;
  /** Time the layout itself took. */
  elapsedMs: number;
}

/**
 * Above this many boxes the ranks come from our own longest-path ranker: dagre's rankers recurse once
 * per layer, which overflows a worker's stack on a model a few thousand nodes deep.
 */
export const LARGE_GRAPH = 400;

type DagreGraph = InstanceType<typeof graphlib.Graph>;

/**
 * dagre's longest-path ranking (every node as low as its lowest consumer allows, sinks on rank 0),
 * walked in reverse topological order without recursion. The graph is acyclic by then (dagre's
 * acyclic step runs first).
 */
export function iterativeLongestPath(graph: DagreGraph): void {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const v of graph.nodes()) {
    const out = graph.outEdges(v)?.length ?? 0;
    waiting.set(v, out);
    if (out === 0) ready.push(v);
  }
  while (ready.length > 0) {
    const v = ready.pop()!;
    let rank = Number.POSITIVE_INFINITY;
    for (const edge of graph.outEdges(v) ?? []) {
      const minlen = (graph.edge(edge) as { minlen?: number } | undefined)?.minlen ?? 1;
      rank = Math.min(rank, (graph.node(edge.w) as { rank: number }).rank - minlen);
    }
    (graph.node(v) as { rank: number }).rank = rank === Number.POSITIVE_INFINITY ? 0 : rank;
    for (const edge of graph.inEdges(v) ?? []) {
      const left = (waiting.get(edge.v) ?? 1) - 1;
      waiting.set(edge.v, left);
      if (left === 0) ready.push(edge.v);
    }
  }
}

export function layoutInput(model: GraphModel): LayoutInput {
  return {
    nodes: model.nodes.map(({ id, width, height }) => ({ id, width, height })),
    edges: model.edges.map(({ id, from, to }) => ({ id, from, to })),
  };
}

interface Ordered {
  rank: number;
  order: number;
}

/**
 * dagre's crossing reduction without its recursion: a first order from an iterative depth-first walk
 * (as dagre's initOrder), then barycenter sweeps down and up, each layer sorted by the mean position
 * of its neighbours in the layer before (stable, so ties keep their order).
 */
export function iterativeOrder(graph: DagreGraph, sweeps = 4): void {
  const label = (v: string) => graph.node(v) as Ordered;
  const layers: string[][] = [];
  const visited = new Set<string>();
  const starts = graph.nodes().sort((a, b) => label(a).rank - label(b).rank);
  for (const start of starts) {
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (visited.has(v)) continue;
      visited.add(v);
      (layers[label(v).rank] ??= []).push(v);
      const next = graph.successors(v) ?? [];
      for (let i = next.length - 1; i >= 0; i--) if (!visited.has(next[i]!)) stack.push(next[i]!);
    }
  }
  const place = (layer: string[]) => layer.forEach((v, i) => (label(v).order = i));
  for (const layer of layers) if (layer) place(layer);

  const sweep = (layer: string[], neighbours: (v: string) => string[]) => {
    const keyed = layer.map((v, i) => {
      const around = neighbours(v);
      if (around.length === 0) return { v, key: i, i };
      let sum = 0;
      for (const u of around) sum += label(u).order;
      return { v, key: sum / around.length, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    keyed.forEach(({ v }, i) => {
      layer[i] = v;
      label(v).order = i;
    });
  };
  for (let s = 0; s < sweeps; s++) {
    if (s % 2 === 0) {
      for (let r = 1; r < layers.length; r++) {
        const layer = layers[r];
        if (layer) sweep(layer, (v) => graph.predecessors(v) ?? []);
      }
    } else {
      for (let r = layers.length - 2; r >= 0; r--) {
        const layer = layers[r];
        if (layer) sweep(layer, (v) => graph.successors(v) ?? []);
      }
    }
  }
}

/** Top-to-bottom layered layout (Sugiyama, through dagre), the way Netron draws models. */
export function layoutGraph(input: LayoutInput): GraphLayout {
  const started = performance.now();
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  const large = input.nodes.length > LARGE_GRAPH;
  graph.setGraph({
    rankdir: 'TB',
    nodesep: 20,
    ranksep: 24,
    edgesep: 10,
    marginx: 16,
    marginy: 16,
    // The greedy cycle breaker is iterative; the default depth-first one recurses like the rankers.
    acyclicer: 'greedy',
    ranker: (large ? iterativeLongestPath : 'network-simplex') as 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of input.edges) graph.setEdge(edge.from, edge.to, {}, edge.id);
  dagre.layout(graph, large ? { customOrder: (g) => iterativeOrder(g as DagreGraph) } : {});

  const nodes = input.nodes.map((node) => {
    const placed = graph.node(node.id) as { x: number; y: number };
    return {
      x: placed.x - node.width / 2,
      y: placed.y - node.height / 2,
      width: node.width,
      height: node.height,
    };
  });
  const edges = input.edges.map((edge) => {
    const placed = graph.edge(edge.from, edge.to, edge.id) as { points?: { x: number; y: number }[] };
    return (placed.points ?? []).flatMap((point) => [point.x, point.y]);
  });
  const label = graph.graph() as { width?: number; height?: number };
  return {
    nodes,
    edges,
    width: label.width ?? 0,
    height: label.height ?? 0,
    elapsedMs: performance.now() - started,
  };
}
