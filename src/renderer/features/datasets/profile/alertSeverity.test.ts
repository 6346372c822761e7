import { describe, expect, it } from 'vitest';
import { bySeverity, severityCounts } from './alertSeverity.js';
import type { AlertType } from './profileTypes.js';

describe('alert severity', () => {
  it('orders what breaks a model first', () => {
    const sorted = bySeverity<{ type: AlertType }>([
      { type: 'unique' },
      { type: 'skewed' },
      { type: 'constant' },
    ]);
    expect(sorted.map((alert) => alert.type)).toEqual(['constant', 'skewed', 'unique']);
  });
  it('counts per severity', () => {
    expect(severityCounts(['unique', 'missing', 'missing', 'all_missing'])).toEqual({
      error: 1,
      warning: 2,
      info: 1,
    });
  });
});
