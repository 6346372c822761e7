import { describe, expect, it } from 'vitest';
import { histogramShares, largestShare } from './histogramShares.js';

describe('histogramShares', () => {
  it('turns each side’s bin counts into shares of that side, labelled by the edges', () => {
    const bars = histogramShares({ kind: 'bins', edges: [0, 1, 2], baseline: [3, 1], current: [10, 30] });
    expect(bars.map((b) => [b.label, b.baseline, b.current])).toEqual([
      ['0 – 1', 0.75, 0.25],
      ['1 – 2', 0.25, 0.75],
    ]);
    expect(bars[1]).toMatchObject({ from: 1, to: 2, baselineCount: 1, currentCount: 30 });
  });

  it('counts the categories left out in the totals and shows them as one muted bar', () => {
    const bars = histogramShares({
      kind: 'categories',
      categories: ['a', 'b'],
      baseline: [2, 1],
      current: [0, 3],
      other: { baseline: 1, current: 1 },
    });
    expect(bars.map((b) => [b.label, b.baseline, b.current, b.other ?? false])).toEqual([
      ['a', 0.5, 0, false],
      ['b', 0.25, 0.75, false],
      ['other values', 0.25, 0.25, true],
    ]);
  });

  it('leaves the "other" bar out when no category was cut, and an empty side reads as zero shares', () => {
    const bars = histogramShares({
      kind: 'categories',
      categories: ['a'],
      baseline: [0],
      current: [4],
      other: { baseline: 0, current: 0 },
    });
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ baseline: 0, current: 1 });
    expect(largestShare(bars)).toBe(1);
  });
});
