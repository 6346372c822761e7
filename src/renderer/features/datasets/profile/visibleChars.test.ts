import { describe, expect, it } from 'vitest';
import { visibleChars, visiblePieces } from './visibleChars.js';

describe('visiblePieces', () => {
  it('names line breaks and tabs', () => {
    expect(visiblePieces('a\r\nb\tc')).toEqual([
      { text: 'a' },
      { mark: 'CR', title: 'carriage return' },
      { mark: 'LF', title: 'line feed' },
      { text: 'b' },
      { mark: 'TAB', title: 'tab' },
      { text: 'c' },
    ]);
  });
  it('reads back the control pictures the engine sends', () => {
    expect(visibleChars('line one␊line two')).toBe('line one⟨LF⟩line two');
  });
  it('marks spaces at the ends and invisible spaces inside', () => {
    expect(visibleChars(' x\u00a0y\u200b  ')).toBe('⟨SP⟩x⟨NBSP⟩y⟨ZWSP⟩⟨SP⟩⟨SP⟩');
  });
  it('leaves ordinary text alone', () => {
    expect(visiblePieces('plain value')).toEqual([{ text: 'plain value' }]);
  });
});
