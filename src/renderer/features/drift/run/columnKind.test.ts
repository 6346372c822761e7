import { describe, expect, it } from 'vitest';
import { driftTestNames } from '../../../../shared/drift/driftTests.js';
import { expectedKind, testOptions } from './columnKind.js';

describe('expectedKind', () => {
  it('follows the profile, with few-valued numbers read as categories', () => {
    expect(expectedKind({ kind: 'numeric', distinct: 1800 })).toBe('numeric');
    expect(expectedKind({ kind: 'numeric', distinct: 4 })).toBe('categorical');
    expect(expectedKind({ kind: 'numeric', distinct: 2 })).toBe('binary');
    expect(expectedKind({ kind: 'boolean', distinct: 2 })).toBe('binary');
    expect(expectedKind({ kind: 'text', distinct: 30 })).toBe('categorical');
    expect(expectedKind({ kind: 'datetime', distinct: 30 })).toBeNull();
    expect(expectedKind(undefined)).toBeNull();
  });
});

describe('testOptions', () => {
  it('offers only the tests that apply to a known kind', () => {
    const numeric = testOptions('numeric').flatMap((group) => group.items.map((item) => item.value));
    expect(numeric).toContain('ks');
    expect(numeric).not.toContain('chisquare');
    const binary = testOptions('binary').flatMap((group) => group.items.map((item) => item.value));
    expect(binary).toEqual(expect.arrayContaining(['z', 'chisquare', 'tvd', 'psi']));
    expect(binary).not.toContain('ks');
  });

  it('offers all fourteen, grouped, when the kind is unknown', () => {
    const all = testOptions(null).flatMap((group) => group.items.map((item) => item.value));
    expect(all.sort()).toEqual([...driftTestNames].sort());
  });
});
