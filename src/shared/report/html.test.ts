import { describe, expect, it } from 'vitest';
import { escapeText } from './html.js';

describe('escapeText', () => {
  it('escapes markup and shows control and bidi characters as marks', () => {
    expect(escapeText('<a title="x">\u0000\u0007\n\u007f\u0085\u202e</a>')).toBe(
      '&lt;a title=&quot;x&quot;&gt;␀␇␊␡⟨U+0085⟩⟨U+202E⟩&lt;/a&gt;',
    );
  });
});
