import { describe, expect, it } from 'vitest';
import { dateEdgeFormatter } from './dateEdges.js';

const at = (iso: string): number => Date.parse(iso);

describe('dateEdgeFormatter', () => {
  it('shows months over years, days over weeks and times within days', () => {
    expect(dateEdgeFormatter(at('2020-01-01'), at('2024-01-01'))(at('2021-06-15'))).toBe('2021-06');
    expect(dateEdgeFormatter(at('2024-02-01'), at('2024-02-28'))(at('2024-02-10'))).toBe('2024-02-10');
    expect(dateEdgeFormatter(at('2024-02-01'), at('2024-02-02'))(at('2024-02-01T06:30:00Z'))).toBe(
      '02-01 06:30',
    );
  });
});
