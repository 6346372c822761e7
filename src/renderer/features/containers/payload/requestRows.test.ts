import { expect, it } from 'vitest';
import { requestsFromRows } from './requestRows.js';

it('counts whole requests of batch rows in the range, up to the most asked for', () => {
  expect(requestsFromRows({ first: 1, last: 20 }, 1, 16)).toBe(16);
  expect(requestsFromRows({ first: 1, last: 20 }, 3, 16)).toBe(6);
  expect(requestsFromRows({ first: 3, last: 20 }, 4, 4)).toBe(4);
  expect(requestsFromRows({ first: 20, last: 20 }, 2, 16)).toBe(0);
});
