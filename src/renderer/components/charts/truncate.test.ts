import { describe, expect, it } from 'vitest';
import { truncateEnd, truncateMiddle } from './truncate.js';

describe('truncateMiddle', () => {
  it('keeps short labels whole', () => {
    expect(truncateMiddle('age', 10)).toBe('age');
  });
  it('keeps the start and the end of a long name', () => {
    const cut = truncateMiddle('customer_lifetime_value_estimate_in_euros', 15);
    expect(cut).toHaveLength(15);
    expect(cut).toBe('custome…n_euros');
  });
});

describe('truncateEnd', () => {
  it('cuts at the end with an ellipsis', () => {
    expect(truncateEnd('a very long value', 8)).toBe('a very …');
    expect(truncateEnd('short', 8)).toBe('short');
  });
});
