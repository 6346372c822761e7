import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route.js';

describe('routes', () => {
  it('defaults to the Data section', () => {
    expect(parseRoute('')).toEqual({ section: 'data' });
    expect(parseRoute('#/nowhere')).toEqual({ section: 'data' });
  });

  it('reads a section and an item', () => {
    expect(parseRoute('#/jobs')).toEqual({ section: 'jobs' });
    expect(parseRoute('#/data/heights-2024')).toEqual({ section: 'data', item: 'heights-2024' });
  });

  it('round-trips items that need escaping', () => {
    const route = { section: 'jobs' as const, item: 'a/b c' };
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('ignores an item it cannot decode', () => {
    expect(parseRoute('#/data/%E0%A4%A')).toEqual({ section: 'data' });
  });
});
