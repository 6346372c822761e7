import type { ColumnKind, ColumnProfile } from '../../../../shared/contract/profile.js';
import type { PlannedColumn } from './columnPlan.js';
import type { GroupedResult } from './groupedPass.js';
import type { ScalarStats } from './scalarPass.js';

/** Turns the passes' raw numbers for one column into its contract shape. */
export function assembleColumn(
  column: PlannedColumn,
  kind: ColumnKind,
  s: ScalarStats | undefined,
  rows: number,
  quantiles: Map<number, (number | null)[]>,
  distributions: GroupedResult,
  numberLike: number,
): ColumnProfile {
  const count = s?.count ?? 0;
  const missing = rows - count;
  const q = quantiles.get(column.index) ?? [];
  const [p5 = null, p25 = null, p50 = null, p75 = null, p95 = null] = q;
  const histogram = distributions.histograms.get(column.index) ?? null;
  const base: ColumnProfile = {
    name: column.name,
    type: column.type,
    kind,
    count,
    missing,
    missingPercent: rows === 0 ? 0 : (missing / rows) * 100,
    distinct: s?.distinct ?? 0,
    min: s?.minText ?? null,
    max: s?.maxText ?? null,
    mean: column.storage === 'numeric' ? (s?.mean ?? null) : null,
    std: column.storage === 'numeric' ? (s?.std ?? null) : null,
    q25: p25,
    q50: p50,
    q75: p75,
  };
  if (!s) return base;
  if (column.storage === 'numeric') {
    base.numeric = {
      mean: s.mean,
      std: s.std,
      min: s.min,
      max: s.max,
      p5,
      p25,
      p50,
      p75,
      p95,
      iqr: p75 !== null && p25 !== null ? p75 - p25 : null,
      skewness: s.skewness,
      kurtosis: s.kurtosis,
      zeros: s.zeros,
      negatives: s.negatives,
      infinities: s.infinities,
      histogram,
    };
  }
  if (column.storage === 'text') {
    const top = distributions.topValues.get(column.index) ?? [];
    const inTop = top.reduce((sum, v) => sum + v.count, 0);
    base.text = {
      topValues: top,
      otherCount: top.length === 0 ? 0 : count - inTop,
      lengthMin: s.lengthMin,
      lengthMean: s.lengthMean,
      lengthMax: s.lengthMax,
      emptyStrings: s.emptyStrings,
      numberLike,
    };
  }
  if (column.storage === 'datetime') {
    base.datetime = {
      min: s.minText,
      max: s.maxText,
      histogram: histogram
        ? { edges: histogram.edges.map((e) => new Date(e * 1000).toISOString()), counts: histogram.counts }
        : null,
    };
  }
  if (column.storage === 'boolean') base.boolean = { trueCount: s.trueCount, falseCount: s.falseCount };
  return base;
}

/** A symmetric matrix (diagonal 1) from pair values keyed "i,j" by column index. */
export function correlationMatrix(
  columns: PlannedColumn[],
  pairValues: Map<string, number | null>,
): { columns: string[]; values: (number | null)[][] } {
  return {
    columns: columns.map((c) => c.name),
    values: columns.map((a) =>
      columns.map((b) => {
        if (a.index === b.index) return 1;
        const [lo, hi] = a.index < b.index ? [a, b] : [b, a];
        return pairValues.get(`${lo.index},${hi.index}`) ?? null;
      }),
    ),
  };
}
