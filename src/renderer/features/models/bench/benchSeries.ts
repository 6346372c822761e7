import type { BenchResult } from '../../../../shared/contract/modelLab.js';

export interface SeriesPoint {
  p50: number;
  p90: number;
  p99: number;
  itemsPerSecond: number | null;
}

/** One line (or bar set) of a chart: a benchmark's figures at one thread count, by batch size. */
export interface BenchSeries {
  id: string;
  label: string;
  threads: number;
  /** Which benchmark it comes from: the one shown, or the one laid over it. */
  side: 'shown' | 'overlay';
  points: Record<number, SeriesPoint>;
}

export interface ChartRow {
  batch: number;
  /** Series id → its figures at this batch; missing where a cell was skipped or failed. */
  values: Record<string, SeriesPoint>;
}

const threadsLabel = (threads: number) => `${threads} thread${threads === 1 ? '' : 's'}`;

/** A benchmark's ok cells as one series per thread count; `prefix` names the benchmark when two are drawn. */
export function seriesOf(result: BenchResult, side: BenchSeries['side'], prefix?: string): BenchSeries[] {
  const byThreads = new Map<number, BenchSeries>();
  for (const threads of result.settings.threads)
    byThreads.set(threads, {
      id: `${side}:${threads}`,
      label: prefix ? `${prefix} · ${threadsLabel(threads)}` : threadsLabel(threads),
      threads,
      side,
      points: {},
    });
  for (const cell of result.cells) {
    const series = byThreads.get(cell.intraOpThreads);
    if (cell.status !== 'ok' || !cell.latencyMs || !series) continue;
    const { p50, p90, p99 } = cell.latencyMs;
    series.points[cell.batch] = { p50, p90, p99, itemsPerSecond: cell.itemsPerSecond };
  }
  return [...byThreads.values()].filter((series) => Object.keys(series.points).length > 0);
}

/** Rows for a chart with batch sizes on the x axis: every batch any series has, ascending. */
export function chartRows(series: BenchSeries[]): ChartRow[] {
  const batches = [...new Set(series.flatMap((s) => Object.keys(s.points).map(Number)))].sort(
    (a, b) => a - b,
  );
  return batches.map((batch) => ({
    batch,
    values: Object.fromEntries(
      series.flatMap((s) => (s.points[batch] ? [[s.id, s.points[batch]] as const] : [])),
    ),
  }));
}

/** `v2 · 24 Nov 2026 09:01`-style name of a benchmark, short enough for a legend. */
export function benchLabel(version: number | null, createdAt: string): string {
  const when = new Date(createdAt).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return version === null ? when : `v${version} · ${when}`;
}

/**
 * Legend prefixes of a shown benchmark and the one laid over it: the versions alone when they
 * differ (`v1`, `v2`), the full names when the two runs are of one model or version.
 */
export function overlayPrefixes(
  shown: { version: number | null; createdAt: string },
  laid: { version: number | null; createdAt: string },
): [string, string] {
  if (shown.version !== null && laid.version !== null && shown.version !== laid.version)
    return [`v${shown.version}`, `v${laid.version}`];
  return [benchLabel(shown.version, shown.createdAt), benchLabel(laid.version, laid.createdAt)];
}

/** What a benchmark covered: `batches 1, 8 × threads 1, 2 · 20 runs`. */
export function gridLabel(result: BenchResult): string {
  const { batches, threads, runs } = result.settings;
  return `batch ${batches.join(', ')} × threads ${threads.join(', ')} · ${runs} runs`;
}

/** A round axis end a little above `max` (a multiple of 4 of a round step, times a power of ten), so the four tick intervals stay round. */
export function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const target = max * 1.05;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10].find((m) => m * power >= target) ?? 10;
  return step * power;
}
