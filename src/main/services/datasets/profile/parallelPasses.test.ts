import { describe, expect, it } from 'vitest';
import { inParallel } from './parallelPasses.js';

const untilAborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));

describe('inParallel', () => {
  it('returns every branch result in order', async () => {
    const result = await inParallel<[number, string]>(undefined, [
      () => Promise.resolve(1),
      () => Promise.resolve('two'),
    ]);
    expect(result).toEqual([1, 'two']);
  });

  it('aborts the other branches when one fails, and rejects with the first failure once all settled', async () => {
    let siblingSettled = false;
    const run = inParallel<[never, never]>(undefined, [
      () => Promise.reject(new Error('scalar pass failed')),
      (signal) => untilAborted(signal).finally(() => (siblingSettled = true)),
    ]);
    await expect(run).rejects.toThrow('scalar pass failed');
    expect(siblingSettled).toBe(true);
  });

  it("aborts every branch when the caller's signal aborts", async () => {
    const caller = new AbortController();
    const run = inParallel<[never, never]>(caller.signal, [untilAborted, untilAborted]);
    caller.abort();
    await expect(run).rejects.toThrow('stopped');
  });
});
