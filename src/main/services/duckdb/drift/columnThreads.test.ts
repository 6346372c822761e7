import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSettingsSchema } from '../../../../shared/contract/drift.js';
import { compareColumn, type LoadedColumn } from '../../../../shared/drift/columnComparison.js';
import { bundleWorker } from '../../workerHost/testing/bundleWorker.js';
import { columnThreads } from './columnThreads.js';
import type { ColumnWork } from './columnWork.js';

let dir: string;
let entry: string;
const opened: ColumnWork[] = [];
const open = (path: string, count = 2) => {
  const work = columnThreads(path, count);
  opened.push(work);
  return work;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-column-threads-'));
  entry = await bundleWorker('src/main/services/duckdb/drift/columnThreadMain.ts', 'columnThread', [], dir);
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((work) => work.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A column of `length` values, every 13th missing (NaN) and every 101st infinite, shifted by `shift`. */
function column(length: number, shift: number): Float64Array<ArrayBuffer> {
  let state = 12345 + shift;
  return Float64Array.from({ length }, (_, i) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    if (i % 13 === 0) return NaN;
    if (i % 101 === 0) return Infinity;
    return (state / 2147483648) * 10 + shift;
  });
}

const settings = driftSettingsSchema.parse({});
const values = (sorted: Float64Array, rows: number): LoadedColumn => ({
  form: 'values',
  values: sorted,
  missing: rows - sorted.length,
  rows,
});

describe('drift column tasks on worker threads', () => {
  it('sorts and tests columns on the threads exactly as in this thread, and hands the values back', async () => {
    const work = open(entry);
    work.prepare();
    const raws = Array.from({ length: 8 }, (_, i) => column(50_000 + i * 1000, i % 2));
    const expected = raws.map((raw) => Float64Array.from(raw.filter(Number.isFinite)).sort());
    const sorted = await Promise.all(raws.map((raw) => work.sort(raw)));
    // Moved to a thread, not copied: this side no longer holds the values it sent.
    expect(raws.every((raw) => raw.length === 0)).toBe(true);
    sorted.forEach(({ sorted: got, dropped }, i) => {
      expect(Array.from(got)).toEqual(Array.from(expected[i]!));
      expect(dropped).toBe(50_000 + i * 1000 - expected[i]!.length);
    });

    const [baseline, current] = [sorted[0]!, sorted[1]!];
    const pair = {
      column: 'x',
      currentColumn: 'x',
      baseline: values(baseline.sorted, 50_000),
      current: values(current.sorted, 51_000),
      mismatch: null,
    };
    const here = compareColumn(
      { ...pair, baseline: values(expected[0]!, 50_000), current: values(expected[1]!, 51_000) },
      settings,
      50_000,
    );
    const there = await work.compare({ pair, settings, baselineRows: 50_000 });
    expect(there.result).toEqual(here.result);
    expect(there.result.drift).toBe(true);
    expect(there.plan).toEqual(here.plan);
    expect(there.baseline.form === 'values' && Array.from(there.baseline.values)).toEqual(
      Array.from(expected[0]!),
    );
  });

  it('runs the tasks in this thread when no thread can start', async () => {
    const work = open(join(dir, 'missing.mjs'));
    work.prepare();
    const { sorted, dropped } = await work.sort(Float64Array.from([3, NaN, 1, 2]));
    expect(Array.from(sorted)).toEqual([1, 2, 3]);
    expect(dropped).toBe(1);
    const raw = column(10_000, 0);
    const finite = raw.filter(Number.isFinite).sort();
    expect(Array.from((await work.sort(raw)).sorted)).toEqual(Array.from(finite));
  });

  it('fails a task that cannot be sent with its reason, and runs the next one', async () => {
    const work = open(entry, 1);
    work.prepare();
    await expect(work.sort({ length: 1 } as unknown as Float64Array<ArrayBuffer>)).rejects.toThrow(
      /Cannot read properties of undefined/,
    );
    // A detached array (its values already sent elsewhere) fails here at once instead of hanging a thread.
    const sent = Float64Array.from([1]);
    structuredClone(sent.buffer, { transfer: [sent.buffer] });
    await expect(work.sort(sent)).rejects.toThrow(/detached ArrayBuffer/);
    expect(Array.from((await work.sort(Float64Array.from([2, 1]))).sorted)).toEqual([1, 2]);
  });

  it('fails the task a closing pool still held, saying why', async () => {
    const work = columnThreads(entry, 1);
    const running = work.sort(column(2_000_000, 0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const failed = expect(running).rejects.toThrow('The data worker closed while a drift comparison ran.');
    await work.close();
    await failed;
  });
});
