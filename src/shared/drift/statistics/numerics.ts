/** numpy.round: halves go to the even neighbour. */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

export const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** Number of values < x (side 'left') or <= x (side 'right') in a sorted array: numpy.searchsorted. */
export function searchSorted(sorted: Float64Array, x: number, side: 'left' | 'right'): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle]!;
    if (side === 'left' ? value < x : value <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** numpy.histogram_bin_edges(values, bins='sturges') from the values' range and count alone. */
export function sturgesEdges(min: number, max: number, count: number): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(count) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** numpy.histogram(sorted, bins=edges)[0]: half-open bins, the last one closed. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let below = searchSorted(sorted, edges[0]!, 'left');
  for (let i = 1; i <= bins; i++) {
    const upTo = searchSorted(sorted, edges[i]!, i === bins ? 'right' : 'left');
    counts[i - 1] = upTo - below;
    below = upTo;
  }
  return counts;
}
