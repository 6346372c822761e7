import { describe, expect, it } from 'vitest';
import { jsonScalar, jsonText } from './jsonValues.js';

describe('DuckDB JSON values as scalars', () => {
  it('keeps scalars, writes big integers and nested values as text', () => {
    expect([null, undefined, 'a', 1.5, true].map(jsonScalar)).toEqual([null, null, 'a', 1.5, true]);
    expect(jsonScalar(2n ** 64n)).toBe('18446744073709551616');
    expect(jsonScalar([1, { a: 2 }])).toBe('[1,{"a":2}]');
  });

  it('renders the same as text, leaving null as null', () => {
    expect([null, 'a', 1.5, false, [1]].map(jsonText)).toEqual([null, 'a', '1.5', 'false', '[1]']);
  });
});
