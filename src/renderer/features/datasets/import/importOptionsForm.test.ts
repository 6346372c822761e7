import { describe, expect, it } from 'vitest';
import { duckDbTypeSchema, importOptionsSchema } from '../../../../shared/contract/index.js';
import {
  COLUMN_TYPE_CHOICES,
  advancedCount,
  applyOverrides,
  charOverride,
  countOverride,
  describeChar,
  typeChoices,
  withColumnType,
} from './importOptionsForm.js';

describe('column type choices', () => {
  it('offers only types the contract accepts', () => {
    for (const type of COLUMN_TYPE_CHOICES) expect(duckDbTypeSchema.safeParse(type).success, type).toBe(true);
  });

  it('puts the detected type first, once, even when it is not a usual choice', () => {
    expect(typeChoices('DOUBLE')[0]).toBe('DOUBLE');
    expect(typeChoices('DOUBLE').filter((type) => type === 'DOUBLE')).toHaveLength(1);
    expect(typeChoices('TIMESTAMP_NS')).toEqual(['TIMESTAMP_NS', ...COLUMN_TYPE_CHOICES]);
    expect(typeChoices(undefined)).toEqual([...COLUMN_TYPE_CHOICES]);
  });

  it('drops an override that names the detected type, and the map when it empties', () => {
    const forced = withColumnType({}, 'zip', 'VARCHAR', 'BIGINT');
    expect(forced).toEqual({ columnTypes: { zip: 'VARCHAR' } });
    expect(importOptionsSchema.safeParse(forced).success).toBe(true);
    expect(withColumnType(forced, 'zip', 'BIGINT', 'BIGINT')).toEqual({});
    expect(withColumnType(forced, 'zip', null, 'BIGINT')).toEqual({});
    expect(withColumnType(forced, 'id', 'DOUBLE', 'BIGINT')).toEqual({
      columnTypes: { zip: 'VARCHAR', id: 'DOUBLE' },
    });
  });
});

describe('settings typed by hand', () => {
  it('sets and clears overrides', () => {
    expect(applyOverrides({ quote: "'" }, { quote: undefined, skipRows: 2 })).toEqual({ skipRows: 2 });
  });

  it('reads one character, the one typed last, or detection when empty', () => {
    expect(charOverride('')).toBeUndefined();
    expect(charOverride("'")).toBe("'");
    expect(charOverride(`"'`)).toBe("'");
    expect(charOverride('x😀')).toBe('😀');
  });

  it('reads a whole count, or detection when empty or nonsense', () => {
    expect(countOverride('')).toBeUndefined();
    expect(countOverride(3)).toBe(3);
    expect(countOverride(2.7)).toBe(2);
    expect(countOverride(-1)).toBeUndefined();
  });

  it('counts the advanced settings changed', () => {
    expect(advancedCount({ delimiter: ';', header: false })).toBe(0);
    expect(advancedCount({ quote: "'", skipRows: 0, sampleRows: 10 })).toBe(3);
    expect(advancedCount({ maxLineSize: 60_000_000, raggedRows: 'pad' })).toBe(2);
  });

  it('names characters that are hard to see', () => {
    expect(['"', '', '\t', ' ', undefined].map(describeChar)).toEqual(['"', 'none', 'tab', 'space', '']);
  });
});
