import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounceWithMaxWait } from './debounce.js';

describe('debounceWithMaxWait', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, after the calls go quiet, with the latest function', () => {
    const runs: string[] = [];
    const debounce = debounceWithMaxWait(250, 1_000);
    debounce.schedule(() => runs.push('first'));
    vi.advanceTimersByTime(200);
    debounce.schedule(() => runs.push('second'));
    vi.advanceTimersByTime(249);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['second']);
  });

  it('still runs every max wait while calls never stop', () => {
    let runs = 0;
    const debounce = debounceWithMaxWait(250, 1_000);
    for (let t = 0; t < 2_000; t += 100) {
      debounce.schedule(() => (runs += 1));
      vi.advanceTimersByTime(100);
    }
    expect(runs).toBe(2);
  });

  it('drops what is pending on cancel', () => {
    let runs = 0;
    const debounce = debounceWithMaxWait(250, 1_000);
    debounce.schedule(() => (runs += 1));
    debounce.cancel();
    vi.advanceTimersByTime(5_000);
    expect(runs).toBe(0);
  });
});
