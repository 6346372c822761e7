import { describe, expect, it } from 'vitest';
import { collapseGroups } from './alertGroups.js';
import type { AlertType } from './profileTypes.js';

const many = (type: AlertType, n: number) => Array.from({ length: n }, () => ({ type }));

describe('collapseGroups', () => {
  it('caps a long run of one type with a "more" entry', () => {
    const entries = collapseGroups([...many('constant', 1), ...many('unique', 8)], new Set(), 3);
    expect(entries.map((e) => e.kind)).toEqual(['alert', 'alert', 'alert', 'alert', 'more']);
    expect(entries.at(-1)).toEqual({ kind: 'more', type: 'unique', hidden: 5 });
  });
  it('shows every alert of an expanded type, and a run one over the limit whole', () => {
    expect(collapseGroups(many('unique', 8), new Set<AlertType>(['unique']), 3)).toHaveLength(8);
    expect(collapseGroups(many('missing', 4), new Set(), 3)).toHaveLength(4);
  });
});
