import type {
  DriftColumn,
  DriftHistogram,
  DriftSettings,
  SideColumnStats,
  TestChoice,
} from '../contract/drift.js';
import {
  MAX_NUMERIC_CATEGORIES,
  defaultDriftTest,
  driftTests,
  isDrift,
  testApplies,
  type ColumnKind,
  type DriftTestName,
} from './driftTests.js';
import { categoricalDriftTest, numericDriftTest } from './statistics/index.js';

/** One side of a column as the data worker loaded it: sorted finite values, or category counts. */
export type LoadedColumn =
  | { form: 'values'; values: Float64Array; missing: number; rows: number }
  | { form: 'counts'; counts: Map<string, number>; missing: number; rows: number };

/** How a column is compared, fixed once for the whole data and reused for every window. */
export interface ColumnPlan {
  kind: ColumnKind;
  kindSource: DriftColumn['kindSource'];
  test: DriftTestName;
  testSource: DriftColumn['testSource'];
  threshold: number;
}

const HISTOGRAM_BINS = 24;
const HISTOGRAM_CATEGORIES = 20;

export interface ComparedPair {
  column: string;
  currentColumn: string;
  baseline: LoadedColumn;
  current: LoadedColumn;
  /** Set when the two sides' types cannot be compared: the message says why. */
  mismatch: string | null;
}

/** Compares one column of the two sides: its kind, its test, the score and a shared histogram. */
export function compareColumn(
  pair: ComparedPair,
  settings: Pick<DriftSettings, 'kinds' | 'tests'>,
  baselineRows: number,
): { result: DriftColumn; plan: ColumnPlan | null } {
  const base = {
    column: pair.column,
    currentColumn: pair.currentColumn,
    baseline: sideStats(pair.baseline),
    current: sideStats(pair.current),
  };
  const notComputable = (
    reason: string,
    plan: Partial<ColumnPlan> = {},
  ): { result: DriftColumn; plan: null } => ({
    result: {
      ...base,
      kind: plan.kind ?? (pair.baseline.form === 'values' ? 'numeric' : 'categorical'),
      kindSource: plan.kindSource ?? 'detected',
      test: plan.test ?? 'ks',
      testSource: plan.testSource ?? 'default',
      threshold: plan.threshold ?? 0,
      statistic: null,
      pValue: null,
      score: null,
      drift: null,
      notComputable: reason,
      histogram: null,
    },
    plan: null,
  });
  if (pair.mismatch) return notComputable(pair.mismatch);
  for (const [side, loaded] of [
    ['baseline', pair.baseline],
    ['current data', pair.current],
  ] as const) {
    if (loaded.rows === 0) return notComputable(`The ${side} has no rows.`);
    if (loaded.rows === loaded.missing)
      return notComputable(`All ${loaded.rows} values of ${pair.column} are missing in the ${side}.`);
  }
  const kinded = decideKind(pair, settings.kinds[pair.column]);
  if ('reason' in kinded) return notComputable(kinded.reason);
  const plan = planTest(pair.column, kinded.kind, kinded.kindSource, settings.tests, baselineRows);
  if (!testApplies(plan.test, plan.kind))
    return notComputable(
      `${driftTests[plan.test].label} compares ${driftTests[plan.test].appliesTo.join(' or ')} columns; ${pair.column} is ${plan.kind}. Choose one of: ${applicableTests(plan.kind).join(', ')}.`,
      plan,
    );
  const scored = scoreColumn(plan, kinded.baseline, kinded.current);
  if ('reason' in scored) return notComputable(scored.reason, plan);
  return {
    result: {
      ...base,
      ...plan,
      ...scored,
      notComputable: null,
      histogram: histogram(kinded.baseline, kinded.current),
    },
    plan,
  };
}

export function applicableTests(kind: ColumnKind): DriftTestName[] {
  return (Object.keys(driftTests) as DriftTestName[]).filter((test) => testApplies(test, kind));
}

/** `statistic` is null when it is infinite (chi-square with a category the baseline never had: p = 0). */
type Scored = { statistic: number | null; pValue: number | null; score: number; drift: boolean };

/** Runs a column's planned test on two loaded sides (the whole data, or one window of it). */
export function scoreColumn(
  plan: ColumnPlan,
  baseline: LoadedColumn,
  current: LoadedColumn,
): Scored | { reason: string } {
  const a = plan.kind === 'numeric' ? baseline : asCounts(baseline);
  const b = plan.kind === 'numeric' ? current : asCounts(current);
  let outcome: { statistic: number; pValue: number | null };
  try {
    if (a.form === 'values' && b.form === 'values') {
      if (a.values.length === 0 || b.values.length === 0)
        return { reason: 'No values to compare on one side.' };
      outcome = numericDriftTest(plan.test, a.values, b.values);
    } else if (a.form === 'counts' && b.form === 'counts') {
      // In the categories' sorted order: the Z-test takes the first as its "success", as Evidently does.
      const [ref, cur] = alignedCounts(a.counts, b.counts, 'name');
      outcome = categoricalDriftTest(plan.test, ref, cur);
    } else return { reason: 'The two sides were loaded differently.' };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
  const score = driftTests[plan.test].score === 'p_value' ? outcome.pValue : outcome.statistic;
  if (score === null || !Number.isFinite(score) || Number.isNaN(outcome.statistic))
    return {
      reason: `${driftTests[plan.test].label} gave no finite result on these values (${describeShape(a, b)}).`,
    };
  const statistic = Number.isFinite(outcome.statistic) ? outcome.statistic : null;
  return { statistic, pValue: outcome.pValue, score, drift: isDrift(plan.test, score, plan.threshold) };
}

function describeShape(a: LoadedColumn, b: LoadedColumn): string {
  const count = (side: LoadedColumn) =>
    side.form === 'values'
      ? `${distinctUpTo([side.values], Infinity)} distinct values`
      : `${side.counts.size} categories`;
  return `baseline ${count(a)}, current ${count(b)}`;
}

/** How far past its threshold a column is: above 1 drifted; used to sort the summary. */
export function severity(column: Pick<DriftColumn, 'test' | 'score' | 'threshold'>): number {
  if (column.score === null) return -1;
  if (driftTests[column.test].score === 'p_value')
    return column.score <= 0 ? Number.POSITIVE_INFINITY : column.threshold / column.score;
  return column.threshold <= 0 ? Number.POSITIVE_INFINITY : column.score / column.threshold;
}

export function bySeverity(a: DriftColumn, b: DriftColumn): number {
  const drift = Number(b.drift === true) - Number(a.drift === true);
  return drift !== 0 ? drift : severity(b) - severity(a) || a.column.localeCompare(b.column);
}

function planTest(
  column: string,
  kind: ColumnKind,
  kindSource: ColumnPlan['kindSource'],
  tests: DriftSettings['tests'],
  baselineRows: number,
): ColumnPlan {
  const byColumn: TestChoice | undefined = tests.byColumn[column];
  const byKind = tests.byKind[kind] ?? (kind === 'binary' ? tests.byKind.categorical : undefined);
  // The column's choice wins, then its kind's; a threshold alone keeps the test chosen above it.
  const [test, testSource]: [DriftTestName, ColumnPlan['testSource']] = byColumn?.test
    ? [byColumn.test, 'column']
    : byKind?.test
      ? [byKind.test, 'kind']
      : [defaultDriftTest(kind, baselineRows), 'default'];
  const kindThreshold =
    byKind && (byKind.test === undefined || byKind.test === test) ? byKind.threshold : undefined;
  return {
    kind,
    kindSource,
    test,
    testSource,
    threshold: byColumn?.threshold ?? kindThreshold ?? driftTests[test].defaultThreshold,
  };
}

type Kinded =
  | { kind: ColumnKind; kindSource: ColumnPlan['kindSource']; baseline: LoadedColumn; current: LoadedColumn }
  | { reason: string };

function decideKind(pair: ComparedPair, chosen: ColumnKind | undefined): Kinded {
  const { baseline, current } = pair;
  const numeric = baseline.form === 'values' && current.form === 'values';
  if (chosen === 'numeric') {
    if (!numeric)
      return { reason: `${pair.column} holds text or booleans, which cannot be compared as numeric values.` };
    return { kind: 'numeric', kindSource: 'settings', baseline, current };
  }
  if (chosen) {
    const a = asCounts(baseline);
    const b = asCounts(current);
    if (chosen === 'binary' && new Set([...a.counts.keys(), ...b.counts.keys()]).size > 2)
      return { reason: `${pair.column} has more than two values, so it cannot be compared as binary.` };
    return { kind: chosen, kindSource: 'settings', baseline: a, current: b };
  }
  if (numeric) {
    if (distinctUpTo([baseline.values, current.values], MAX_NUMERIC_CATEGORIES + 1) > MAX_NUMERIC_CATEGORIES)
      return { kind: 'numeric', kindSource: 'detected', baseline, current };
    const a = asCounts(baseline);
    const b = asCounts(current);
    return { kind: categoricalKind(a, b), kindSource: 'few-values', baseline: a, current: b };
  }
  const a = asCounts(baseline);
  const b = asCounts(current);
  return { kind: categoricalKind(a, b), kindSource: 'detected', baseline: a, current: b };
}

function categoricalKind(a: CountsColumn, b: CountsColumn): ColumnKind {
  return new Set([...a.counts.keys(), ...b.counts.keys()]).size <= 2 ? 'binary' : 'categorical';
}

type CountsColumn = Extract<LoadedColumn, { form: 'counts' }>;

/** A numeric column's values as category counts, keyed the way a text column's would be. */
function asCounts(column: LoadedColumn): CountsColumn {
  if (column.form === 'counts') return column;
  const counts = new Map<string, number>();
  const { values } = column;
  for (let i = 0; i < values.length;) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    counts.set(String(values[i]), j - i);
    i = j;
  }
  return { form: 'counts', counts, missing: column.missing, rows: column.rows };
}

/** Both sides' counts over one category order: the union, most frequent first or by name. */
export function alignedCounts(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  order: 'frequency' | 'name' = 'frequency',
): [Float64Array, Float64Array, string[]] {
  const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const categories = [...new Set([...a.keys(), ...b.keys()])].sort(
    order === 'name'
      ? byName
      : (x, y) => (b.get(y) ?? 0) + (a.get(y) ?? 0) - ((b.get(x) ?? 0) + (a.get(x) ?? 0)) || byName(x, y),
  );
  return [
    Float64Array.from(categories, (category) => a.get(category) ?? 0),
    Float64Array.from(categories, (category) => b.get(category) ?? 0),
    categories,
  ];
}

/** Distinct values over sorted arrays, counted up to `limit` (so a wide column stops early). */
function distinctUpTo(sorted: readonly Float64Array[], limit: number): number {
  const [first, second] = sorted;
  if (!second) {
    let distinct = 0;
    for (let i = 0; i < (first?.length ?? 0) && distinct < limit; i++)
      if (i === 0 || first?.[i] !== first?.[i - 1]) distinct++;
    return distinct;
  }
  const a = first ?? new Float64Array();
  let i = 0;
  let j = 0;
  let distinct = 0;
  let last = Number.NaN;
  while ((i < a.length || j < second.length) && distinct < limit) {
    const next =
      j >= second.length || (i < a.length && (a[i] as number) <= (second[j] as number))
        ? a[i++]
        : second[j++];
    if (next !== last) {
      distinct++;
      last = next as number;
    }
  }
  return distinct;
}

function sideStats(column: LoadedColumn): SideColumnStats {
  const empty = { rows: column.rows, missing: column.missing };
  if (column.form === 'counts')
    return { ...empty, distinct: column.counts.size, mean: null, std: null, min: null, max: null };
  const { values } = column;
  const n = values.length;
  if (n === 0) return { ...empty, distinct: 0, mean: null, std: null, min: null, max: null };
  // Sorted: a value differs from the one before exactly when it is a new distinct value.
  let sum = values[0]!;
  let distinct = 1;
  for (let i = 1; i < n; i++) {
    const value = values[i]!;
    sum += value;
    if (value !== values[i - 1]) distinct++;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return {
    ...empty,
    distinct,
    mean,
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : null,
    min: values[0] as number,
    max: values[n - 1] as number,
  };
}

/** Counts per shared bin (numeric) or per shared category, for the overlaid charts. */
function histogram(baseline: LoadedColumn, current: LoadedColumn): DriftHistogram | null {
  if (baseline.form === 'values' && current.form === 'values') {
    const a = baseline.values;
    const b = current.values;
    if (a.length === 0 || b.length === 0) return null;
    const low = Math.min(a[0] as number, b[0] as number);
    const high = Math.max(a[a.length - 1] as number, b[b.length - 1] as number);
    const bins = low === high ? 1 : HISTOGRAM_BINS;
    const width = (high - low) / bins;
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
    return { kind: 'bins', edges, baseline: binCounts(a, edges), current: binCounts(b, edges) };
  }
  const [ref, cur, categories] = alignedCounts(asCounts(baseline).counts, asCounts(current).counts);
  const shown = categories.slice(0, HISTOGRAM_CATEGORIES);
  const sum = (values: Float64Array, from: number) => values.slice(from).reduce((s, v) => s + v, 0);
  return {
    kind: 'categories',
    categories: shown,
    baseline: Array.from(ref.slice(0, shown.length)),
    current: Array.from(cur.slice(0, shown.length)),
    other: { baseline: sum(ref, shown.length), current: sum(cur, shown.length) },
  };
}

/** Counts of sorted values per bin [e_i, e_i+1), the last bin closed, by binary search. */
function binCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts: number[] = [];
  let start = 0;
  for (let bin = 1; bin < edges.length; bin++) {
    const end = bin === edges.length - 1 ? sorted.length : lowerBound(sorted, edges[bin] as number);
    counts.push(end - start);
    start = end;
  }
  return counts;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
