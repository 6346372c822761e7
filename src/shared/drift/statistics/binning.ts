import type { MergedPass } from './mergedPass.js';
import { histogramCounts, sturgesEdges } from './numerics.js';

/** A numeric column whose reference has at most this many distinct values is binned by value. */
export const BIN_BY_VALUE_MAX_DISTINCT = 20;

export interface Proportions {
  reference: Float64Array;
  current: Float64Array;
}

/**
 * Evidently's get_binned_data for a numeric column: Sturges bins (numpy.histogram_bin_edges) over the
 * reference and current values together, or one bin per distinct value when the reference has at
 * most 20; each side as the share of its values per bin.
 */
export function binNumeric(reference: Float64Array, current: Float64Array, pass: MergedPass): Proportions {
  if (pass.referenceDistinct <= BIN_BY_VALUE_MAX_DISTINCT)
    return binByValue(reference, current, pass.unionDistinct);
  const min = Math.min(reference[0]!, current[0]!);
  const max = Math.max(reference[reference.length - 1]!, current[current.length - 1]!);
  const edges = sturgesEdges(min, max, reference.length + current.length);
  return {
    reference: share(histogramCounts(reference, edges), reference.length),
    current: share(histogramCounts(current, edges), current.length),
  };
}

function binByValue(reference: Float64Array, current: Float64Array, distinct: number): Proportions {
  const referenceCounts = new Float64Array(distinct);
  const currentCounts = new Float64Array(distinct);
  let i = 0;
  let j = 0;
  for (let bin = 0; bin < distinct; bin++) {
    const value = Math.min(
      i < reference.length ? reference[i]! : Infinity,
      j < current.length ? current[j]! : Infinity,
    );
    while (i < reference.length && reference[i] === value) {
      referenceCounts[bin]!++;
      i++;
    }
    while (j < current.length && current[j] === value) {
      currentCounts[bin]!++;
      j++;
    }
  }
  return {
    reference: share(referenceCounts, reference.length),
    current: share(currentCounts, current.length),
  };
}

/** Categories as Evidently keys them: the union of those seen on either side (both-zero ones dropped). */
export function binCategories(referenceCounts: Float64Array, currentCounts: Float64Array): Proportions {
  const keep: number[] = [];
  for (let k = 0; k < referenceCounts.length; k++) {
    if (referenceCounts[k]! > 0 || currentCounts[k]! > 0) keep.push(k);
  }
  const referenceTotal = sum(referenceCounts);
  const currentTotal = sum(currentCounts);
  return {
    reference: Float64Array.from(keep, (k) => referenceCounts[k]! / referenceTotal),
    current: Float64Array.from(keep, (k) => currentCounts[k]! / currentTotal),
  };
}

/**
 * Evidently's zero fill before PSI and Kullback-Leibler: an empty bin gets 0.0001, or a millionth of
 * the smallest non-empty share when that is itself at most 0.0001, so no logarithm sees a zero.
 */
export function fillEmptyBins(shares: Float64Array): Float64Array {
  let smallest = Infinity;
  for (const p of shares) if (p !== 0 && p < smallest) smallest = p;
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  return shares.map((p) => (p === 0 ? fill : p));
}

function share(counts: Float64Array, total: number): Float64Array {
  return counts.map((count) => count / total);
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
