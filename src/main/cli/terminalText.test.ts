import { describe, expect, it } from 'vitest';
import { terminalLines, terminalText } from './terminalText.js';

const RAW =
  // eslint-disable-next-line no-control-regex -- the characters no output may carry
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it.each([
    ['OSC title with BEL', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['OSC 52 clipboard with ST', '\x1b]52;c;aGk=\x1b\\', '\\x1b]52;c;aGk=\\x1b\\'],
    ['CSI clear screen', '\x1b[2J', '\\x1b[2J'],
    ['CR overwriting the line', 'ok\rFAIL', 'ok\\rFAIL'],
    ['LF forging a line', 'a\nmlw: done', 'a\\nmlw: done'],
    ['tab shifting columns', 'a\tb', 'a\\tb'],
    ['DEL', 'a\x7fb', 'a\\u007fb'],
    ['8-bit CSI', 'a\u009b2Jb', 'a\\u009b2Jb'],
    ['bidi override (Trojan Source)', 'abc\u202etxt.exe', 'abc\\u202etxt.exe'],
    ['bidi isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['NUL', 'a\0b', 'a\\x00b'],
    ['plain text and Unicode', 'naïve 日本 ✓ C:\\path', 'naïve 日本 ✓ C:\\path'],
  ])('%s', (_what, input, shown) => {
    expect(terminalText(input)).toBe(shown);
    expect(terminalText(input)).not.toMatch(RAW);
    expect(terminalText(input)).not.toMatch(/[\r\n\t]/);
  });

  it('keeps the lines and tabs a printer means in a block, and escapes the rest', () => {
    expect(terminalLines('name\tvalue\n\x1b[31mred\r\n')).toBe('name\tvalue\n\\x1b[31mred\\r\n');
  });

  it('leaves JSON valid: escapes in a JSON string read back as the original characters', () => {
    const value = { name: '\u009b\u202e\x7f\x1b\r' };
    const printed = terminalLines(JSON.stringify(value));
    expect(printed).not.toMatch(RAW);
    expect(JSON.parse(printed)).toEqual(value);
  });
});
