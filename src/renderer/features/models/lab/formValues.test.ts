import { describe, expect, it } from 'vitest';
import type { ValueSummary } from '../../../../shared/contract/modelSummary.js';
import { namedDims, parseDims, parseSizes } from './formValues.js';

const tensor = (name: string, shape: (number | string | null)[] | null): ValueSummary => ({
  name,
  docString: '',
  type: { kind: 'tensor', elementType: 'FLOAT', shape },
});

describe('benchmark and comparison form values', () => {
  it('reads sizes separated by commas or spaces, once each, within bounds', () => {
    expect(parseSizes(' 1, 8 32,8 ', 100)).toEqual({ ok: true, value: [1, 8, 32] });
    expect(parseSizes('', 100)).toMatchObject({ ok: false });
    expect(parseSizes('1, 0', 100)).toEqual({
      ok: false,
      message: '“0” is not a whole number from 1 to 100',
    });
    expect(parseSizes('2.5', 100)).toMatchObject({ ok: false });
    expect(parseSizes('101', 100)).toMatchObject({ ok: false });
  });

  it('asks for the named dimensions after the leading one, each once', () => {
    const inputs = [
      tensor('ids', ['batch', 'sequence']),
      tensor('mask', ['batch', 'sequence', null]),
      tensor('image', ['N', 3, 'height', 'width']),
      tensor('fixed', [1, 4]),
      tensor('unknown', null),
    ];
    expect(namedDims(inputs)).toEqual(['sequence', 'height', 'width']);
  });

  it('needs a whole size for every named dimension', () => {
    expect(parseDims(['seq'], { seq: ' 128 ' })).toEqual({ ok: true, value: { seq: 128 } });
    expect(parseDims(['seq', 'h'], { seq: '128' })).toEqual({
      ok: false,
      message: 'Give “h” a size (a whole number of at least 1)',
    });
    expect(parseDims(['seq'], { seq: '0' })).toMatchObject({ ok: false });
  });
});
