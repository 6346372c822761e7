import { fillEmptyBins, type Proportions } from './binning.js';
import type { MergedPass } from './mergedPass.js';
import { histogramCounts, sturgesEdges } from './numerics.js';

/** Population stability index: sum (r - c) ln(r / c) over zero-filled shares (not renormalised). */
export function populationStabilityIndex({ reference, current }: Proportions): number {
  const r = fillEmptyBins(reference);
  const c = fillEmptyBins(current);
  let psi = 0;
  for (let k = 0; k < r.length; k++) psi += (r[k]! - c[k]!) * Math.log(r[k]! / c[k]!);
  return psi;
}

/** KL(ref || cur) = scipy.stats.entropy(ref, cur) over zero-filled shares, each renormalised to 1. */
export function kullbackLeibler({ reference, current }: Proportions): number {
  const p = normalise(fillEmptyBins(reference));
  const q = normalise(fillEmptyBins(current));
  let kl = 0;
  for (let k = 0; k < p.length; k++) kl += relativeEntropy(p[k]!, q[k]!);
  return kl;
}

/** scipy.spatial.distance.jensenshannon (natural log) over the shares, without zero fill. */
export function jensenShannon({ reference, current }: Proportions): number {
  const p = normalise(reference);
  const q = normalise(current);
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const m = (p[k]! + q[k]!) / 2;
    left += relativeEntropy(p[k]!, m);
    right += relativeEntropy(q[k]!, m);
  }
  return Math.sqrt((left + right) / 2);
}

/** Hellinger distance of two share vectors: sqrt(1 - sum sqrt(p q)), the sum clipped to [0, 1]. */
export function hellingerOfShares({ reference, current }: Proportions): number {
  let affinity = 0;
  for (let k = 0; k < reference.length; k++) affinity += Math.sqrt(reference[k]! * current[k]!);
  return Math.sqrt(1 - Math.min(Math.max(affinity, 0), 1));
}

/**
 * Evidently's Hellinger distance for a numeric column: density histograms on Sturges bins whose count
 * comes from the number of distinct values on both sides (not the number of values), then
 * sum sqrt(h_ref h_cur) * bin width.
 */
export function hellingerNumeric(reference: Float64Array, current: Float64Array, pass: MergedPass): number {
  const min = Math.min(reference[0]!, current[0]!);
  const max = Math.max(reference[reference.length - 1]!, current[current.length - 1]!);
  const edges = sturgesEdges(min, max, pass.unionDistinct);
  const bins = edges.length - 1;
  const referenceCounts = histogramCounts(reference, edges);
  const currentCounts = histogramCounts(current, edges);
  const binWidth = (edges[bins]! - edges[0]!) / bins;
  let affinity = 0;
  for (let k = 0; k < bins; k++) {
    const width = edges[k + 1]! - edges[k]!;
    const h1 = referenceCounts[k]! / width / reference.length;
    const h2 = currentCounts[k]! / width / current.length;
    affinity += Math.sqrt(h1 * h2) * binWidth;
  }
  return Math.sqrt(1 - Math.min(Math.max(affinity, 0), 1));
}

/** scipy.special.rel_entr. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

function normalise(values: Float64Array): Float64Array {
  let total = 0;
  for (const v of values) total += v;
  return values.map((v) => v / total);
}
