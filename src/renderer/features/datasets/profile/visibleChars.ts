/**
 * Splits a value into plain text and the invisible characters that break CSV pipelines, each named
 * the way engineers know them (CR, LF, TAB, NBSP, ZWSP, BOM) so the UI can draw them as marks; spaces
 * at either end become SP marks. The engine already sends CR and LF as ␍ and ␊, which many monospace
 * fonts lack, so those pictures are read back as CR and LF too.
 */
export type Piece = { text: string } | { mark: string; title: string };

const MARKS: Record<string, [string, string]> = {
  '\r': ['CR', 'carriage return'],
  '␍': ['CR', 'carriage return'],
  '\n': ['LF', 'line feed'],
  '␊': ['LF', 'line feed'],
  '\t': ['TAB', 'tab'],
  '␉': ['TAB', 'tab'],
  '\u00a0': ['NBSP', 'no-break space'],
  '\u200b': ['ZWSP', 'zero-width space'],
  '\u200c': ['ZWNJ', 'zero-width non-joiner'],
  '\u200d': ['ZWJ', 'zero-width joiner'],
  '\ufeff': ['BOM', 'byte order mark'],
};

const PATTERN = /[\r\n\t\u00a0\u200b-\u200d\ufeff␍␊␉]|^ +| +$/g;

export function visiblePieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index;
    if (at > last) pieces.push({ text: text.slice(last, at) });
    const found = match[0];
    const known = MARKS[found];
    if (known) pieces.push({ mark: known[0], title: known[1] });
    else for (let i = 0; i < found.length; i += 1) pieces.push({ mark: 'SP', title: 'space at the end' });
    last = at + found.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** The same as one string, for places that cannot draw marks (chart labels): ⟨LF⟩ and so on. */
export function visibleChars(text: string): string {
  return visiblePieces(text)
    .map((piece) => ('text' in piece ? piece.text : `⟨${piece.mark}⟩`))
    .join('');
}
