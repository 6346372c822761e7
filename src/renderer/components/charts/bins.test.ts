import { describe, expect, it } from 'vitest';
import { binTicks, toBins } from './bins.js';

describe('toBins', () => {
  it('pairs counts with their edges and closes the last bin', () => {
    expect(toBins([0, 1, 3], [4, 2])).toEqual([
      { from: 0, to: 1, mid: 0.5, count: 4, last: false },
      { from: 1, to: 3, mid: 2, count: 2, last: true },
    ]);
  });
});

describe('binTicks', () => {
  it('keeps every edge when there are few', () => {
    expect(binTicks([0, 1, 2], 7)).toEqual([0, 1, 2]);
  });
  it('thins many edges but keeps both ends', () => {
    const edges = Array.from({ length: 21 }, (_, i) => i);
    const ticks = binTicks(edges, 7);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(20);
    expect(ticks.length).toBeLessThanOrEqual(7);
  });
});
