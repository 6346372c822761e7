import type { LayeredGraph } from './addTrunks.js';
import { adjacency, type Adjacency } from './rankNodes.js';

/** The nodes of each rank, left to right, and each node's index within its rank. */
export interface Ordering {
  layers: Int32Array[];
  position: Int32Array;
  up: Adjacency;
  down: Adjacency;
}

/** Barycenter sweeps at most; most models settle in two or three. */
export const MAX_SWEEPS = 8;

/**
 * Crossing reduction: a first order from a depth-first walk down from the sources (a chain stays
 * together, a branch next to its sibling), then barycenter sweeps, down and up in turn, each rank
 * sorted by the mean position of its neighbours in the rank before (stable, so ties and nodes without
 * such neighbours keep their place). Stops early once a down-and-up pair moves nothing.
 */
export function orderLayers(graph: LayeredGraph, sweeps = MAX_SWEEPS): Ordering {
  const { count, rank, links } = graph;
  const down = adjacency(count, links.tails, links.heads);
  const up = adjacency(count, links.heads, links.tails);
  const depth = rank.reduce((max, r) => Math.max(max, r), -1) + 1;
  const sizes = new Int32Array(depth);
  for (let v = 0; v < count; v++) sizes[rank[v]!]!++;
  const layers = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(depth);
  const position = new Int32Array(count);

  const visited = new Uint8Array(count);
  const stack: number[] = [];
  const starts = Array.from({ length: count }, (_, v) => v).sort((a, b) => rank[a]! - rank[b]! || a - b);
  for (const start of starts) {
    stack.push(start);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (visited[v]) continue;
      visited[v] = 1;
      const r = rank[v]!;
      position[v] = filled[r]!;
      layers[r]![filled[r]!++] = v;
      for (let i = down.offsets[v + 1]! - 1; i >= down.offsets[v]!; i--) {
        const w = down.targets[i]!;
        if (!visited[w]) stack.push(w);
      }
    }
  }

  const keys = new Float64Array(count);
  const sortLayer = (layer: Int32Array, around: Adjacency): boolean => {
    for (const v of layer) {
      const from = around.offsets[v]!;
      const to = around.offsets[v + 1]!;
      if (from === to) {
        keys[v] = position[v]!;
        continue;
      }
      let sum = 0;
      for (let i = from; i < to; i++) sum += position[around.targets[i]!]!;
      keys[v] = sum / (to - from);
    }
    const sorted = Array.from(layer).sort((a, b) => keys[a]! - keys[b]! || position[a]! - position[b]!);
    let moved = false;
    sorted.forEach((v, i) => {
      if (layer[i] !== v) moved = true;
      layer[i] = v;
    });
    layer.forEach((v, i) => (position[v] = i));
    return moved;
  };
  let movedInPair = false;
  for (let s = 0; s < sweeps; s++) {
    if (s % 2 === 0) {
      movedInPair = false;
      for (let r = 1; r < depth; r++) movedInPair = sortLayer(layers[r]!, up) || movedInPair;
    } else {
      for (let r = depth - 2; r >= 0; r--) movedInPair = sortLayer(layers[r]!, down) || movedInPair;
      if (!movedInPair) break;
    }
  }
  return { layers, position, up, down };
}
