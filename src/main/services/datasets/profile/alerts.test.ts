import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../../../shared/contract/profile.js';
import { columnAlerts } from './alerts.js';

function column(type: string, kind: ColumnProfile['kind']): ColumnProfile {
  return {
    name: 'x',
    type,
    kind,
    count: 100,
    missing: 0,
    missingPercent: 0,
    distinct: 100,
    min: null,
    max: null,
    mean: null,
    std: null,
    q25: null,
    q50: null,
    q75: null,
  };
}

describe('the unique alert', () => {
  it('suggests an ID for whole numbers and text that never repeat', () => {
    for (const [type, kind] of [
      ['BIGINT', 'numeric'],
      ['VARCHAR', 'text'],
    ] as const) {
      const unique = columnAlerts(column(type, kind), 100).find((alert) => alert.type === 'unique');
      expect(unique?.message).toBe('x has a different value in every row (an ID?)');
    }
  });

  it('does not call a measurement an ID, though it still reports it as unique', () => {
    for (const type of ['DOUBLE', 'FLOAT', 'DECIMAL(10,2)']) {
      const unique = columnAlerts(column(type, 'numeric'), 100).find((alert) => alert.type === 'unique');
      expect(unique?.message).toBe('x has a different value in every row');
    }
  });
});
