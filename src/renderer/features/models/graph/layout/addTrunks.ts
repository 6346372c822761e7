import type { IndexedEdges } from './rankNodes.js';

/**
 * The layered graph the ordering and placement work on: the real nodes (ids 0..real-1) and, for
 * edges that skip ranks, dummy nodes one per skipped rank so long edges are routed around the boxes.
 */
export interface LayeredGraph {
  real: number;
  /** Real and dummy nodes. */
  count: number;
  rank: Int32Array;
  /** One-rank links (plus the long edges left without dummies), from upper to lower node. */
  links: IndexedEdges;
  /**
   * Per input edge, the nodes it runs through down to its lower end: from its upper end, or, for the
   * second and later readers of a trunk, from the dummy where the reader before it branched off.
   */
  pathOffsets: Int32Array;
  pathNodes: Int32Array;
}

/**
 * Dummy nodes per skipped rank cost time in every later step. Past this many per real node, the
 * longest trunks are left out and their edges drawn as one straight segment.
 */
export const DUMMY_BUDGET = 8;

/**
 * Long edges leaving the same node share one trunk of dummies (a bus): a value read by every layer
 * of a model (an attention mask) becomes one line down the side with a branch per reader, not one
 * line per reader, which keeps the dummies at most the depth per producer instead of depth × readers.
 * `edges` run downwards (rank of tail < rank of head).
 */
export function addTrunks(real: number, edges: IndexedEdges, rank: Int32Array): LayeredGraph {
  const edgeCount = edges.tails.length;
  const reach = new Int32Array(real).fill(-1);
  for (let e = 0; e < edgeCount; e++) {
    const u = edges.tails[e]!;
    reach[u] = Math.max(reach[u]!, rank[edges.heads[e]!]!);
  }
  // Trunk length per producer, shortest first within the budget.
  const producers: number[] = [];
  for (let u = 0; u < real; u++) if (reach[u]! - rank[u]! >= 2) producers.push(u);
  producers.sort((a, b) => reach[a]! - rank[a]! - (reach[b]! - rank[b]!) || a - b);
  const trunkStart = new Int32Array(real).fill(-1);
  let count = real;
  const budget = DUMMY_BUDGET * real;
  for (const u of producers) {
    const length = reach[u]! - rank[u]! - 1;
    if (count - real + length > budget) break;
    trunkStart[u] = count;
    count += length;
  }

  const ranks = new Int32Array(count);
  ranks.set(rank);
  const tails: number[] = [];
  const heads: number[] = [];
  for (let u = 0; u < real; u++) {
    const start = trunkStart[u]!;
    if (start < 0) continue;
    const length = reach[u]! - rank[u]! - 1;
    let previous = u;
    for (let i = 0; i < length; i++) {
      ranks[start + i] = rank[u]! + 1 + i;
      tails.push(previous);
      heads.push(start + i);
      previous = start + i;
    }
  }
  // Per producer, its readers from the nearest down: each edge's path starts where the previous
  // reader's branch left the trunk, so drawing every edge draws each trunk once.
  const byReader = Array.from({ length: edgeCount }, (_, e) => e).sort(
    (a, b) => edges.tails[a]! - edges.tails[b]! || rank[edges.heads[a]!]! - rank[edges.heads[b]!]! || a - b,
  );
  const paths: number[][] = new Array<number[]>(edgeCount);
  let previousSpan = 0;
  byReader.forEach((e, k) => {
    const u = edges.tails[e]!;
    const v = edges.heads[e]!;
    const span = rank[v]! - rank[u]!;
    const start = trunkStart[u]!;
    if (k === 0 || edges.tails[byReader[k - 1]!] !== u) previousSpan = 1;
    const path: number[] = [];
    if (span >= 2 && start >= 0) {
      if (previousSpan < 2) path.push(u);
      for (let i = Math.max(0, previousSpan - 2); i < span - 1; i++) path.push(start + i);
      tails.push(start + span - 2);
      previousSpan = span;
    } else {
      path.push(u);
      tails.push(u);
    }
    heads.push(v);
    path.push(v);
    paths[e] = path;
  });
  const pathOffsets = new Int32Array(edgeCount + 1);
  for (let e = 0; e < edgeCount; e++) pathOffsets[e + 1] = pathOffsets[e]! + paths[e]!.length;
  const pathNodes = new Int32Array(pathOffsets[edgeCount]!);
  for (let e = 0; e < edgeCount; e++) pathNodes.set(paths[e]!, pathOffsets[e]);
  return {
    real,
    count,
    rank: ranks,
    links: { tails: Int32Array.from(tails), heads: Int32Array.from(heads) },
    pathOffsets,
    pathNodes,
  };
}
