import { describe, expect, it } from 'vitest';
import { footerText } from './tableFooter.js';

const rows = (n: number): unknown[][] => Array.from({ length: n }, (_, i) => [i]);

describe('the line under a result table', () => {
  it('counts a whole result', () => {
    expect(footerText({ rows: rows(1), totalRows: 1, truncated: false })).toBe('1 row');
    expect(footerText({ rows: rows(0), totalRows: 0, truncated: false })).toBe('0 rows');
  });

  it('says when only part of the result is shown, and which part', () => {
    expect(footerText({ rows: rows(1000), totalRows: 25000, truncated: true })).toBe(
      'Showing 1,000 of 25,000 rows',
    );
    expect(footerText({ rows: rows(3), totalRows: 10, truncated: true, offset: 4 })).toBe(
      'Showing rows 5–7 of 10',
    );
    expect(footerText({ rows: [], totalRows: 10, truncated: true, offset: 20 })).toBe('Showing 0 of 10 rows');
  });
});
