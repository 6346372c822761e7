// A whole drift comparison inside the data worker: columns are read once per side, sorted once,
// and every test, histogram and window works from those arrays, so the main process gets back only
// the small report and its event loop never runs the statistics.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DriftColumn, DriftSettings, DriftWindow } from '../../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import {
  bySeverity,
  compareColumn,
  scoreColumn,
  type ColumnPlan,
  type ComparedPair,
  type LoadedColumn,
} from '../../../../shared/drift/columnComparison.js';
import {
  classMismatch,
  pairColumns,
  type ColumnPair,
  type SchemaIssue,
  type SideColumn,
} from '../../../../shared/drift/columnPairs.js';
import { datasetVerdict } from '../../../../shared/drift/datasetVerdict.js';
import { sqlIdentifier } from '../duckdb.js';
import type { ColumnWork } from './columnWork.js';
import {
  SortClock,
  countRows,
  describeRelation,
  loadCounts,
  materialize,
  scanValues,
  sortColumns,
  type Relation,
} from './loadColumns.js';

export interface DriftComputeRequest {
  baseline: { sql: string; label: string };
  current: { sql: string; label: string };
  settings: DriftSettings;
  /** The current side split by this timestamp column into hourly or daily windows, each compared too. */
  window?: { column: string; unit: 'hour' | 'day' } | undefined;
}

export interface DriftComputeResult {
  baseline: { rows: number; columns: SideColumn[] };
  current: { rows: number; columns: SideColumn[] };
  columns: DriftColumn[];
  schemaIssues: SchemaIssue[];
  /** Said when the current side's tensor values were matched to baseline columns by position. */
  byPosition: string | null;
  windows: DriftWindow[] | null;
  /**
   * Where the time went, in ms: reading the columns, sorting the numeric ones (while any sort ran:
   * the baseline's are sorted while the current side is read), then the tests and histograms.
   */
  timings: { readMs: number; sortMs: number; compareMs: number };
}

/** A window needs this many rows before its columns are compared. */
const MIN_WINDOW_ROWS = 2;

export async function computeDrift(
  native: DuckDBConnection,
  work: ColumnWork,
  request: DriftComputeRequest,
  progress: (fraction: number) => void,
  check: () => void,
): Promise<DriftComputeResult> {
  const baseline: Relation = { sql: request.baseline.sql };
  const current: Relation = { sql: request.current.sql };
  const [baselineColumns, currentColumns] = [
    await describeRelation(native, baseline),
    await describeRelation(native, current),
  ];
  const paired = pairColumns(baselineColumns, currentColumns, request.settings);
  const typeOf = (columns: SideColumn[], name: string) => columns.find((c) => c.name === name)?.type ?? '';
  const plans = paired.pairs.map((pair) => ({
    pair,
    mismatch: classMismatch(
      pair,
      typeOf(baselineColumns, pair.column),
      typeOf(currentColumns, pair.currentColumn),
    ),
  }));
  const asValues = (pair: ColumnPair) => pair.baselineClass === 'numeric' || pair.currentClass === 'numeric';
  const valued = plans.filter(({ pair, mismatch }) => !mismatch && asValues(pair)).map(({ pair }) => pair);
  const counted = plans.filter(({ pair, mismatch }) => !mismatch && !asValues(pair)).map(({ pair }) => pair);

  const readStarted = performance.now();
  if (valued.length > 0) work.prepare();
  const compareNames = (side: 'column' | 'currentColumn') =>
    [...valued, ...counted].map((pair) => pair[side]);
  const columnsToLoad = { valued, counted };
  const steps = 3 + (request.window ? 1 : 0);
  let done = 0;
  const step = () => progress(Math.min(1, ++done / steps));
  // One side in DuckDB at a time: the baseline's table is gone before the current side is read.
  const baselineTable = await materialize(native, baseline, compareNames('column'), 'baseline');
  const baselineRows = await nonEmpty(native, baselineTable.relation, request.baseline.label);
  const baselineSide = await readSide(
    native,
    baselineTable.relation,
    columnsToLoad,
    'column',
    baselineRows,
    check,
  );
  await baselineTable.drop();
  step();
  // Windows read the current side again, once per window: its time column is kept with the rest.
  const currentTable = await materialize(
    native,
    current,
    [...new Set([...compareNames('currentColumn'), ...(request.window ? [request.window.column] : [])])],
    'current',
  );
  const currentRows = await nonEmpty(native, currentTable.relation, request.current.label);
  const currentSide = await readSide(
    native,
    currentTable.relation,
    columnsToLoad,
    'currentColumn',
    currentRows,
    check,
  );
  const readEnded = performance.now();
  // Sorted on the threads once DuckDB is done reading, so the two do not compete for the cores.
  const sorting = new SortClock();
  const [baselineValues, currentValues] = await Promise.all([
    sortColumns(work, baselineSide.raw, sorting),
    sortColumns(work, currentSide.raw, sorting),
  ]);
  const baselineData = keyed(valued, baselineValues, baselineSide.counts);
  const currentData = keyed(valued, currentValues, currentSide.counts);
  step();
  check();
  const compareStarted = performance.now();
  const unloaded: LoadedColumn = { form: 'counts', counts: new Map(), missing: 0, rows: 0 };
  const pairOf = ({ pair, mismatch }: (typeof plans)[number]): ComparedPair => ({
    column: pair.column,
    currentColumn: pair.currentColumn,
    baseline: baselineData.get(pair.column) ?? { ...unloaded, rows: baselineRows, missing: baselineRows },
    current: currentData.get(pair.column) ?? { ...unloaded, rows: currentRows, missing: currentRows },
    mismatch,
  });
  // Numeric columns are tested on the threads (their sorted values go there and come back for the
  // windows); category counts are small and tested here.
  const compared = await Promise.all(
    plans.map(async (plan) => {
      const pair = pairOf(plan);
      if (pair.baseline.form !== 'values' && pair.current.form !== 'values')
        return compareColumn(pair, request.settings, baselineRows);
      const outcome = await work.compare({ pair, settings: request.settings, baselineRows });
      baselineData.set(pair.column, outcome.baseline);
      return outcome;
    }),
  );
  step();
  const windows = request.window
    ? await compareWindows(
        native,
        currentTable.relation.sql,
        request.window,
        request.settings,
        compared,
        baselineData,
        columnsToLoad,
        work,
        check,
      )
    : null;
  if (windows) step();
  await currentTable.drop();
  const ended = performance.now();
  return {
    baseline: { rows: baselineRows, columns: baselineColumns },
    current: { rows: currentRows, columns: currentColumns },
    columns: compared.map(({ result }) => result).sort(bySeverity),
    schemaIssues: paired.issues,
    byPosition: paired.byPosition,
    windows,
    timings: {
      readMs: readEnded - readStarted,
      sortMs: sorting.ms,
      compareMs: ended - compareStarted,
    },
  };
}

/** A side's row count; a side with none stops the comparison with a message saying so. */
async function nonEmpty(native: DuckDBConnection, relation: Relation, label: string): Promise<number> {
  const rows = await countRows(native, relation);
  if (rows === 0)
    throw new WorkbenchError({
      code: 'DATASET_EMPTY',
      message: `${label} has no rows, so there is nothing to compare.`,
      hint: 'Pick data with rows (for captures, a time window in which the model was called).',
    });
  return rows;
}

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/** Each window of the current side against the whole baseline, with the plans of the full comparison. */
async function compareWindows(
  native: DuckDBConnection,
  currentSql: string,
  window: NonNullable<DriftComputeRequest['window']>,
  settings: DriftSettings,
  compared: { result: DriftColumn; plan: ColumnPlan | null }[],
  baselineData: Map<string, LoadedColumn>,
  columnsToLoad: ColumnsToLoad,
  work: ColumnWork,
  check: () => void,
): Promise<DriftWindow[]> {
  const time = sqlIdentifier(window.column);
  const startMs = `epoch_ms(date_trunc('${window.unit}', ${time}::TIMESTAMP))::DOUBLE`;
  const starts = (
    await native.runAndReadAll(
      `SELECT DISTINCT ${startMs} AS w FROM ${currentSql} WHERE ${time} IS NOT NULL ORDER BY w`,
    )
  ).getRowsJson() as [number][];
  const planned = compared.filter((entry) => entry.plan !== null);
  const windows: DriftWindow[] = [];
  for (const [start] of starts) {
    const relation: Relation = { sql: currentSql, where: `${startMs} = $1`, params: [start] };
    const rows = await countRows(native, relation);
    const side = await readSide(native, relation, columnsToLoad, 'currentColumn', rows, check);
    const data = keyed(columnsToLoad.valued, await sortColumns(work, side.raw, new SortClock()), side.counts);
    const columns: DriftWindow['columns'] = {};
    for (const { result, plan } of planned) {
      const windowSide = data.get(result.column);
      const baselineSide = baselineData.get(result.column);
      if (!plan || !windowSide || !baselineSide || rows < MIN_WINDOW_ROWS) {
        columns[result.column] = { score: null, drift: null };
        continue;
      }
      const scored = scoreColumn(plan, baselineSide, windowSide);
      columns[result.column] =
        'reason' in scored ? { score: null, drift: null } : { score: scored.score, drift: scored.drift };
    }
    const verdict = datasetVerdict(Object.values(columns), settings.datasetShare);
    windows.push({
      start: new Date(start).toISOString(),
      end: new Date(start + UNIT_MS[window.unit]).toISOString(),
      rows,
      share: verdict.share,
      drift: verdict.compared === 0 ? null : verdict.drift,
      columns,
    });
    check();
  }
  return windows;
}

interface ColumnsToLoad {
  /** Read as numbers: sorted finite values. */
  valued: ColumnPair[];
  /** Read as text: counts per category. */
  counted: ColumnPair[];
}

/** One side's columns as read: numeric ones raw (to be sorted), categorical ones counted. */
async function readSide(
  native: DuckDBConnection,
  relation: Relation,
  { valued, counted }: ColumnsToLoad,
  side: 'column' | 'currentColumn',
  rows: number,
  check: () => void,
): Promise<{ raw: Float64Array<ArrayBuffer>[]; counts: Map<string, LoadedColumn> }> {
  const raw = await scanValues(
    native,
    relation,
    valued.map((pair) => pair[side]),
    rows,
    check,
  );
  const loaded = await loadCounts(
    native,
    relation,
    counted.map((pair) => pair[side]),
  );
  check();
  return { raw, counts: new Map(counted.map((pair, i) => [pair.column, loaded[i] as LoadedColumn])) };
}

/** A side's sorted numeric columns and its counted ones, keyed by their baseline name. */
function keyed(
  valued: ColumnPair[],
  values: LoadedColumn[],
  counts: Map<string, LoadedColumn>,
): Map<string, LoadedColumn> {
  const loaded = new Map(counts);
  valued.forEach((pair, i) => loaded.set(pair.column, values[i] as LoadedColumn));
  return loaded;
}
