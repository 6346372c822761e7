import { describe, expect, it } from 'vitest';
import type { BenchCell, BenchResult } from '../../../../shared/contract/modelLab.js';
import { benchLabel, chartRows, gridLabel, niceCeil, overlayPrefixes, seriesOf } from './benchSeries.js';

const ok = (batch: number, threads: number, p50: number): BenchCell => ({
  batch,
  intraOpThreads: threads,
  status: 'ok',
  runs: 10,
  latencyMs: { mean: p50, std: 0.1, min: p50 / 2, p50, p90: p50 * 1.5, p99: p50 * 2, max: p50 * 3 },
  itemsPerSecond: (batch * 1000) / p50,
});

const result = (cells: BenchCell[]) =>
  ({
    settings: { batches: [1, 8, 32], threads: [1, 2], runs: 10 },
    cells,
  }) as unknown as BenchResult;

describe('benchmark chart series', () => {
  it('makes one series per thread count with its ok cells by batch', () => {
    const failed: BenchCell = { ...ok(32, 1, 1), status: 'failed', latencyMs: null, itemsPerSecond: null };
    const series = seriesOf(result([ok(1, 1, 2), ok(8, 1, 4), ok(1, 2, 1.5), failed]), 'shown');
    expect(series.map((s) => [s.id, s.label, Object.keys(s.points)])).toEqual([
      ['shown:1', '1 thread', ['1', '8']],
      ['shown:2', '2 threads', ['1']],
    ]);
    expect(series[0]?.points[8]).toEqual({ p50: 4, p90: 6, p99: 8, itemsPerSecond: 2000 });
  });

  it('drops a thread count with no ok cell and names an overlay by its benchmark', () => {
    const series = seriesOf(result([ok(1, 2, 1)]), 'overlay', 'v1');
    expect(series.map((s) => [s.id, s.label])).toEqual([['overlay:2', 'v1 · 2 threads']]);
  });

  it('lines up two benchmarks on every batch either has, ascending', () => {
    const a = seriesOf(result([ok(8, 1, 4), ok(1, 1, 2)]), 'shown');
    const b = seriesOf(result([ok(32, 1, 9)]), 'overlay', 'v1');
    const rows = chartRows([...a, ...b]);
    expect(rows.map((r) => [r.batch, Object.keys(r.values)])).toEqual([
      [1, ['shown:1']],
      [8, ['shown:1']],
      [32, ['overlay:1']],
    ]);
    expect(gridLabel(result([]))).toBe('batch 1, 8, 32 × threads 1, 2 · 10 runs');
  });

  it('ends an axis at a round figure just above the highest one', () => {
    expect(niceCeil(0.179)).toBe(0.2);
    expect(niceCeil(0.194)).toBe(0.24);
    expect(niceCeil(161_209)).toBe(200_000);
    expect(niceCeil(256_000)).toBe(320_000);
    expect(niceCeil(9.6)).toBe(12);
    expect(niceCeil(0)).toBe(1);
  });

  it('names overlaid runs by version alone when the versions differ, in full when they do not', () => {
    const at = '2026-11-24T09:55:00.000Z';
    expect(overlayPrefixes({ version: 1, createdAt: at }, { version: 2, createdAt: at })).toEqual([
      'v1',
      'v2',
    ]);
    const [shown, laid] = overlayPrefixes({ version: 2, createdAt: at }, { version: 2, createdAt: at });
    expect(shown).toBe(benchLabel(2, at));
    expect(laid).toMatch(/^v2 · /);
    expect(overlayPrefixes({ version: null, createdAt: at }, { version: null, createdAt: at })[0]).toBe(
      benchLabel(null, at),
    );
  });
});
