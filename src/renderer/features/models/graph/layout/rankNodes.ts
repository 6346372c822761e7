/** Edges by index: edge `e` runs from `tails[e]` to `heads[e]`. */
export interface IndexedEdges {
  tails: Int32Array;
  heads: Int32Array;
}

/** Compressed adjacency: the neighbours of `v` are `targets[offsets[v] .. offsets[v + 1])`. */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

export function adjacency(
  count: number,
  from: Int32Array,
  to: Int32Array,
  edgeCount = from.length,
): Adjacency {
  const offsets = new Int32Array(count + 1);
  for (let e = 0; e < edgeCount; e++) offsets[from[e]! + 1]!++;
  for (let v = 0; v < count; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) targets[fill[from[e]!]!++] = to[e]!;
  return { offsets, targets };
}

/**
 * A topological order (Kahn's, sources in index order). An ONNX graph is acyclic, but a broken model
 * may not be: when only cycles are left, the lowest-index node left is taken next, so the edges into
 * it from the cycle point backwards in the order and are drawn reversed.
 */
export function topologicalOrder(count: number, edges: IndexedEdges): Int32Array {
  const out = adjacency(count, edges.tails, edges.heads);
  const waiting = new Int32Array(count);
  for (let e = 0; e < edges.heads.length; e++) waiting[edges.heads[e]!]!++;
  const order = new Int32Array(count);
  const done = new Uint8Array(count);
  let head = 0;
  let tail = 0;
  let nextForced = 0;
  for (let v = 0; v < count; v++) if (waiting[v] === 0) order[tail++] = v;
  while (head < count) {
    if (head === tail) {
      while (done[nextForced] || waiting[nextForced] === 0) nextForced++;
      order[tail++] = nextForced;
      waiting[nextForced] = 0;
    }
    const v = order[head++]!;
    done[v] = 1;
    for (let i = out.offsets[v]!; i < out.offsets[v + 1]!; i++) {
      const w = out.targets[i]!;
      if (done[w] || waiting[w] === 0) continue;
      waiting[w] = waiting[w]! - 1;
      if (waiting[w] === 0) order[tail++] = w;
    }
  }
  return order;
}

/**
 * Layers: longest path from the sources (each node one below its lowest producer), then, from the
 * sinks up, every node pulled down to just above its highest consumer, so a constant or a shape
 * computation sits next to the node that reads it instead of at the top of the model. Every edge
 * then runs at least one rank down. `edges` must point forward in `order`.
 */
export function rankNodes(count: number, edges: IndexedEdges, order: Int32Array): Int32Array {
  const rank = new Int32Array(count);
  const into = adjacency(count, edges.heads, edges.tails);
  for (const v of order) {
    let r = 0;
    for (let i = into.offsets[v]!; i < into.offsets[v + 1]!; i++)
      r = Math.max(r, rank[into.targets[i]!]! + 1);
    rank[v] = r;
  }
  const out = adjacency(count, edges.tails, edges.heads);
  for (let k = count - 1; k >= 0; k--) {
    const v = order[k]!;
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = out.offsets[v]!; i < out.offsets[v + 1]!; i++)
      lowest = Math.min(lowest, rank[out.targets[i]!]!);
    if (lowest !== Number.POSITIVE_INFINITY) rank[v] = lowest - 1;
  }
  return rank;
}
