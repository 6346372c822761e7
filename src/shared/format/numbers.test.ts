import { describe, expect, it } from 'vitest';
import {
  formatBinaryBytes,
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMaybeNumber,
  formatNumber,
  formatPercent,
} from './numbers.js';

const en = 'en-US';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [67.993114, '67.9931'],
    [127.079421, '127.079'],
    [14.38394, '14.3839'],
    [3538.03812, '3,538.04'],
    [127079.42139, '127,079'],
    [1234567.891, '1,234,568'],
    [25000, '25,000'],
    [-1.5, '-1.5'],
    [0.000123456, '0.0001235'],
    [0.5, '0.5'],
    [1.23e-9, '1.23E-9'],
    [6.02e23, '6.02E23'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%s -> %s', (value, expected) => {
    expect(formatNumber(value, en)).toBe(expected);
  });
});

describe('formatMaybeNumber', () => {
  it('formats numeric text and leaves other text alone', () => {
    expect(formatMaybeNumber('1234.567891', en)).toBe('1,234.57');
    expect(formatMaybeNumber('-3', en)).toBe('-3');
    expect(formatMaybeNumber('2024-01-02', en)).toBe('2024-01-02');
    expect(formatMaybeNumber('Ann', en)).toBe('Ann');
    expect(formatMaybeNumber('', en)).toBe('');
  });
});

describe('other formats', () => {
  it('counts with separators', () => {
    expect(formatCount(1234567, en)).toBe('1,234,567');
  });
  it('percent', () => {
    expect([0, 0.01, 12.345, 100].map((p) => formatPercent(p, en))).toEqual(['0%', '<0.1%', '12.3%', '100%']);
  });
  it('bytes in SI units', () => {
    expect([0, 950, 1234, 1_234_567, 164_000_000, 3.4e9].map((b) => formatBytes(b, en))).toEqual([
      '0 B',
      '950 B',
      '1.2 kB',
      '1.2 MB',
      '164 MB',
      '3.4 GB',
    ]);
  });
  it('memory in binary units, as Docker limits and reports it', () => {
    expect(
      [512, 1536, 22_439_526, 256 * 1024 * 1024, 1.5 * 1024 ** 3].map((b) => formatBinaryBytes(b, en)),
    ).toEqual(['512 B', '1.5 KiB', '21.4 MiB', '256 MiB', '1.5 GiB']);
  });
  it('durations', () => {
    expect([20, 400, 9_940, 9_960, 12_000, 184_000, 3_720_000].map((ms) => formatDuration(ms, en))).toEqual([
      '<0.1 s',
      '0.4 s',
      '9.9 s',
      '10 s',
      '12 s',
      '3 min 04 s',
      '1 h 02 min',
    ]);
  });
  it('dates without the time', () => {
    expect(formatDate('2026-11-24T10:02:00Z', en)).toBe('Nov 24, 2026');
  });
  it('leaves an unreadable timestamp as it is', () => {
    expect(formatDateTime('not a date', en)).toBe('not a date');
    expect(formatDateTime('2026-11-24T10:02:00Z', en)).toMatch(/Nov 24, 2026/);
  });
});
