import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, pagesFor, rowWindow, scrollTopForRow } from './rowWindow.js';

describe('row window', () => {
  it('is exact while the table fits in a browser scroll height', () => {
    const window = rowWindow(1000, 28, 280, 28 * 10 + 5);
    expect(window.topRow).toBe(10);
    expect(window.topOffsetPx).toBe(5);
    expect(window.spacerHeight).toBe(28_000);
    expect(scrollTopForRow(1000, 28, 280, 10)).toBe(280);
  });

  it('maps a capped scrollbar onto 20M rows, reaching the very last row', () => {
    const total = 20_000_000;
    const body = 560;
    const top = rowWindow(total, 28, body, 0);
    expect(top.spacerHeight).toBe(MAX_SPACER_PX);
    expect(top.topRow).toBe(0);
    const end = rowWindow(total, 28, body, MAX_SPACER_PX);
    expect(end.topRow + Math.floor(body / 28)).toBe(total);
    const middle = rowWindow(total, 28, body, scrollTopForRow(total, 28, body, 10_000_000));
    expect(Math.abs(middle.topRow - 10_000_000)).toBeLessThanOrEqual(1);
  });

  it('asks for the pages in view and the next one, never past the end', () => {
    expect(pagesFor(0, 30, 200, 20_000_000)).toEqual([0, 1]);
    expect(pagesFor(190, 30, 200, 20_000_000)).toEqual([0, 1, 2]);
    expect(pagesFor(990, 30, 200, 1000)).toEqual([4]);
    expect(pagesFor(0, 30, 200, 0)).toEqual([]);
    expect(pagesFor(190, 30, 200, 20_000_000, false)).toEqual([0, 1]);
  });
});
