import { describe, expect, it } from 'vitest';
import { describeJsonError, jsonErrorOffset } from './jsonSyntax.js';

const v8Position = (text: string): number | undefined => {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const found = / at position (\d+)/.exec((error as Error).message);
    return found ? Number(found[1]) : -1;
  }
};

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a":}', 5],
    ['{"a":1', 6],
    ['{a:1}', 1],
    ['[1,2,,3]', 5],
    ['{"a":1}x', 7],
    ['', 0],
    ['{"a":tru}', 8],
    ['{"a": "b\\x"}', 9],
    ['[1, -]', 5],
    ['[01]', 2],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['"abc', 4],
    ['{"a": [1, 2}', 11],
  ])('finds where %j breaks (%i)', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    // Wherever V8 says a position, it is the same one.
    const v8 = v8Position(text);
    if (v8 !== -1) expect(v8).toBe(offset);
  });

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' 1 ', '{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"]}', '"s"', '[[[]]]'])
      expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it('survives nesting far deeper than the call stack', () => {
    const text = `${'['.repeat(1_000_000)}}`;
    expect(jsonErrorOffset(text)).toBe(1_000_000);
  });

  it('describes the place by line and column', () => {
    expect(describeJsonError('{\n  "a": 1,\n  }')).toBe('unexpected "}" at line 3, column 3 (character 14)');
    expect(describeJsonError('{"a": 1')).toBe('unexpected end of the body at line 1, column 8 (character 7)');
  });
});
