import { describe, expect, it } from 'vitest';
import { containerItem, parseContainerItem } from './containerItem.js';

describe('container items', () => {
  it('round-trips a build and a deployment', () => {
    for (const target of [
      { kind: 'build', id: 'churn-v3-20261207-101500' },
      { kind: 'deployment', name: 'churn-4f2a' },
    ] as const)
      expect(parseContainerItem(containerItem(target))).toEqual(target);
  });

  it('keeps colons after the first one in the id', () => {
    expect(parseContainerItem('build:a:b')).toEqual({ kind: 'build', id: 'a:b' });
  });

  it('opens nothing for an item it does not know', () => {
    for (const item of [undefined, '', 'build:', ':x', 'image:churn', 'churn'])
      expect(parseContainerItem(item)).toBeUndefined();
  });
});
