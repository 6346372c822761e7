import { expect, it } from 'vitest';
import { requestRowsCaption, requestsFromRows } from './requestRows.js';

it('counts whole requests of batch rows in the range, up to the most asked for', () => {
  expect(requestsFromRows({ first: 1, last: 20 }, 1, 16)).toBe(16);
  expect(requestsFromRows({ first: 1, last: 20 }, 3, 16)).toBe(6);
  expect(requestsFromRows({ first: 3, last: 20 }, 4, 4)).toBe(4);
  expect(requestsFromRows({ first: 20, last: 20 }, 2, 16)).toBe(0);
});

it('captions the rows the requests read, or that too few are left for one', () => {
  const made = (requests: number) => `${requests} requests`;
  expect(requestRowsCaption({ first: 1, last: 2000, total: 2000 }, 100, 16, made)).toBe(
    'Rows 1–1,600 of 2,000: 16 requests',
  );
  expect(requestRowsCaption({ first: 3, last: 20, total: 20 }, 4, 16, made)).toBe(
    'Rows 3–18 of 20: 4 requests',
  );
  expect(requestRowsCaption({ first: 20, last: 20, total: 20 }, 2, 16, made)).toBe(
    'Too few rows from row 20 for a request of 2 rows',
  );
});
