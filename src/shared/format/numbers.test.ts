import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatNumber } from './numbers.js';

describe('number formatting', () => {
  it('keeps six significant digits and switches to exponents at the extremes', () => {
    expect(formatNumber(67.99311412)).toBe('67.9931');
    expect(formatNumber(1234567.891)).toBe('1,234,570');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(null)).toBe('');
  });
  it('groups counts and scales bytes', () => {
    expect(formatCount(1000000)).toBe('1,000,000');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(164 * 1024 * 1024)).toBe('164.0 MB');
  });
});
