import { describe, expect, it } from 'vitest';
import { cellText, columnFamily, filterValue, opsFor } from './columnTypes.js';

describe('table column helpers', () => {
  it('groups DuckDB types into families', () => {
    expect(columnFamily('BIGINT')).toBe('number');
    expect(columnFamily('DECIMAL(10,2)')).toBe('number');
    expect(columnFamily('TIMESTAMP WITH TIME ZONE')).toBe('temporal');
    expect(columnFamily('BOOLEAN')).toBe('boolean');
    expect(columnFamily('VARCHAR')).toBe('text');
    expect(columnFamily('INTEGER[]')).toBe('text');
  });

  it('offers ops by family and converts typed values', () => {
    expect(opsFor('text')).toContain('contains');
    expect(opsFor('number')).not.toContain('contains');
    expect(filterValue('number', ' 42 ')).toBe(42);
    expect(filterValue('number', 'abc')).toBe('abc');
    expect(filterValue('temporal', '2024-01-31')).toBe('2024-01-31');
    expect(filterValue('boolean', 'TRUE')).toBe(true);
  });

  it('renders cells as text', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText(false)).toBe('false');
    expect(cellText('1152921504606846976')).toBe('1152921504606846976');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(1.1099999999999999)).toBe('1.11');
    expect(cellText(123456789012345)).toBe('123456789012345');
  });
});
