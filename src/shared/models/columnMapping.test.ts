import { describe, expect, it } from 'vitest';
import type { ValueInfo } from '../contract/models.js';
import { guessColumnMapping, isNumericColumnType } from './columnMapping.js';

const features: ValueInfo = { name: 'features', type: 'float32', shape: ['batch', 2] };
const columns = [
  { name: 'a', type: 'DOUBLE' },
  { name: 'label', type: 'VARCHAR' },
  { name: 'b', type: 'DECIMAL(4,1)' },
];

describe('guessColumnMapping', () => {
  it('fills a named input with its column, and an only input with the numeric columns that fit it', () => {
    expect(guessColumnMapping([features], [...columns, { name: 'features', type: 'DOUBLE' }])).toEqual({
      features: ['features'],
    });
    expect(guessColumnMapping([features], columns)).toEqual({ features: ['a', 'b'] });
    expect(guessColumnMapping([{ ...features, shape: ['batch', 'width'] }], columns)).toEqual({
      features: ['a', 'b'],
    });
  });

  it('leaves out what it cannot fill', () => {
    expect(guessColumnMapping([{ ...features, shape: ['batch', 3] }], columns)).toEqual({});
    expect(guessColumnMapping([{ ...features, shape: ['batch'] }], columns)).toEqual({});
    const two: ValueInfo[] = [features, { name: 'a', type: 'float32', shape: ['batch'] }];
    expect(guessColumnMapping(two, columns)).toEqual({ a: ['a'] });
  });

  it('tells numeric DuckDB types', () => {
    expect(['BIGINT', 'double', 'DECIMAL(18,3)', 'UTINYINT'].every(isNumericColumnType)).toBe(true);
    expect(['VARCHAR', 'DATE', 'BOOLEAN', 'DOUBLE[]'].some(isNumericColumnType)).toBe(false);
  });
});
