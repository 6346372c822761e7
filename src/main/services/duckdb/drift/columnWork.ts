// The CPU-bound half of a drift comparison, sorting numeric columns and testing them, as tasks that
// run the same in this thread or in a worker thread: the data worker spreads them over the cores
// (DuckDB uses every core while it reads, JavaScript only one).
import type { DriftSettings } from '../../../../shared/contract/drift.js';
import {
  compareColumn,
  type ComparedPair,
  type LoadedColumn,
} from '../../../../shared/drift/columnComparison.js';
import { sortFiniteValues } from '../../../../shared/drift/statistics/index.js';

/** A column's values as read (NaN where missing), to be sorted without its missing values. */
export interface SortTask {
  kind: 'sort';
  /** Sorted in place: the outcome is a view of it. */
  raw: Float64Array<ArrayBuffer>;
}

/** A numeric column whose two sides are sorted, to be tested. */
export interface CompareTask {
  kind: 'compare';
  pair: ComparedPair;
  settings: Pick<DriftSettings, 'kinds' | 'tests'>;
  baselineRows: number;
}

export type ColumnTask = SortTask | CompareTask;

export type SortOutcome = ReturnType<typeof sortFiniteValues>;
/** The comparison, and both sides handed back so the windows can reuse the baseline's. */
export type CompareOutcome = ReturnType<typeof compareColumn> & {
  baseline: LoadedColumn;
  current: LoadedColumn;
};

export interface ColumnWork {
  /** Gets ready for a comparison's tasks (starts the threads), while DuckDB reads the data. */
  prepare(): void;
  sort(raw: Float64Array<ArrayBuffer>): Promise<SortOutcome>;
  compare(task: Omit<CompareTask, 'kind'>): Promise<CompareOutcome>;
  close(): Promise<void>;
}

/** The radix sort's second buffer, kept for the next column: one per thread, grown to the longest. */
let scratch = new Float64Array(0);

/** Runs a task; `transfer` lists the buffers the outcome can hand over without a copy. */
export function runColumnTask(task: ColumnTask): { outcome: unknown; transfer: ArrayBuffer[] } {
  if (task.kind === 'sort') {
    if (scratch.length < task.raw.length) scratch = new Float64Array(task.raw.length);
    const outcome = sortFiniteValues(task.raw, scratch);
    return { outcome, transfer: [outcome.sorted.buffer] };
  }
  const compared = compareColumn(task.pair, task.settings, task.baselineRows);
  const outcome: CompareOutcome = { ...compared, baseline: task.pair.baseline, current: task.pair.current };
  return { outcome, transfer: taskBuffers(task) };
}

/** The buffers of a task's values, handed to the thread and back instead of copied. */
export function taskBuffers(task: ColumnTask): ArrayBuffer[] {
  if (task.kind === 'sort') return [task.raw.buffer];
  const buffers = [task.pair.baseline, task.pair.current].flatMap((column) =>
    column.form === 'values' ? [column.values.buffer as ArrayBuffer] : [],
  );
  return [...new Set(buffers)];
}

/** Runs a task in this thread; what it throws becomes the promise's rejection. */
export function runHere(task: ColumnTask): Promise<unknown> {
  try {
    return Promise.resolve(runColumnTask(task).outcome);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The tasks run here, one after the other: for an engine hosted in a process with no thread entry. */
export function inlineColumnWork(): ColumnWork {
  return {
    prepare: () => undefined,
    sort: (raw) => runHere({ kind: 'sort', raw }) as Promise<SortOutcome>,
    compare: (task) => runHere({ kind: 'compare', ...task }) as Promise<CompareOutcome>,
    close: () => Promise.resolve(),
  };
}

/**
 * Runs the hot loops (radix sort, the merged ECDF walk, side statistics) on small synthetic columns,
 * so a fresh thread has them optimized before a million-row column arrives: unoptimized, the first
 * columns a thread gets take twice as long.
 */
export function warmUp(): void {
  const length = 20_000;
  const raw = (shift: number) =>
    Float64Array.from({ length }, (_, i) => Math.sin(i * 12.9898 + shift) * 43.7);
  for (const test of ['wasserstein', 'ks'] as const) {
    const baseline = sortFiniteValues(raw(0)).sorted;
    const current = sortFiniteValues(raw(1)).sorted;
    compareColumn(
      {
        column: 'x',
        currentColumn: 'x',
        baseline: { form: 'values', values: baseline, missing: 0, rows: length },
        current: { form: 'values', values: current, missing: 0, rows: length },
        mismatch: null,
      },
      { kinds: {}, tests: { byColumn: { x: { test } }, byKind: {} } },
      length,
    );
  }
}
