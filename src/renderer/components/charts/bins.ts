export interface Bin {
  from: number;
  to: number;
  /** The bar's centre on the numeric axis. */
  mid: number;
  count: number;
  /** The last bin is closed on the right. */
  last: boolean;
}

/** Pairs each count with its edges; counts beyond the edges (malformed input) are dropped. */
export function toBins(edges: number[], counts: number[]): Bin[] {
  const bins: Bin[] = [];
  for (let i = 0; i < counts.length && i + 1 < edges.length; i += 1) {
    const from = edges[i] ?? 0;
    const to = edges[i + 1] ?? from;
    bins.push({ from, to, mid: (from + to) / 2, count: counts[i] ?? 0, last: i === counts.length - 1 });
  }
  return bins;
}

/** At most about `max` edges as ticks, always the first and the last, evenly spread between. */
export function binTicks(edges: number[], max: number): number[] {
  if (edges.length <= max) return edges;
  const lastIndex = edges.length - 1;
  const step = Math.ceil(lastIndex / (max - 1));
  const indices: number[] = [];
  for (let i = 0; i < lastIndex; i += step) indices.push(i);
  // Keep the final edge, dropping a tick that would crowd it.
  const previous = indices[indices.length - 1] ?? 0;
  if (indices.length > 1 && lastIndex - previous < step / 2) indices.pop();
  indices.push(lastIndex);
  return indices.map((i) => edges[i] ?? 0);
}
