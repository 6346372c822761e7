/**
 * Where a JSON text breaks the grammar. V8's JSON.parse gives a position for some mistakes only
 * ("Unexpected token '}', "…" is not valid JSON" has none, and quotes the body back), so the server
 * finds the place itself. A loop with an explicit stack, so deep nesting cannot overflow the call stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after';
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  class Stop extends Error {
    constructor(readonly at: number) {
      super(`JSON breaks at ${at}`);
    }
  }
  const string = (start: number): number => {
    let j = start + 1;
    for (;;) {
      if (j >= n) throw new Stop(n);
      const ch = text.charCodeAt(j);
      if (ch === 0x22) return j + 1;
      if (ch < 0x20) throw new Stop(j);
      if (ch !== 0x5c) {
        j += 1;
        continue;
      }
      const escape = text[j + 1];
      if (escape !== undefined && '"\\/bfnrt'.includes(escape)) j += 2;
      else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 6;
      else throw new Stop(j + 1 >= n ? n : j + 1);
    }
  };
  const number = (start: number): number => {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = start;
    const found = match.exec(text);
    // Only "-" can start and fail a number: the digit after it is what is missing.
    if (!found) throw new Stop(start + 1);
    return start + found[0].length;
  };
  const literal = (start: number): number => {
    for (const word of ['true', 'false', 'null']) {
      if (text[start] !== word[0]) continue;
      for (let k = 1; k < word.length; k++) if (text[start + k] !== word[k]) throw new Stop(start + k);
      return start + word.length;
    }
    throw new Stop(start);
  };
  try {
    for (;;) {
      while (i < n && ' \t\n\r'.includes(text[i] as string)) i++;
      if (i >= n) return expect === 'after' && stack.length === 0 ? undefined : n;
      const c = text[i];
      if ((expect === 'firstKey' && c === '}') || (expect === 'firstValue' && c === ']')) {
        stack.pop();
        i++;
        expect = 'after';
      } else if (expect === 'key' || expect === 'firstKey') {
        if (c !== '"') return i;
        i = string(i);
        expect = 'colon';
      } else if (expect === 'colon') {
        if (c !== ':') return i;
        i++;
        expect = 'value';
      } else if (expect === 'value' || expect === 'firstValue') {
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'firstKey' : 'firstValue';
          continue;
        }
        i =
          c === '"'
            ? string(i)
            : c === '-' || (c !== undefined && c >= '0' && c <= '9')
              ? number(i)
              : literal(i);
        expect = 'after';
      } else {
        const top = stack.at(-1);
        if (top === undefined) return i;
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if (c === (top === '{' ? '}' : ']')) {
          stack.pop();
          i++;
        } else return i;
      }
    }
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}

/** "line 2, column 5 (character 17): unexpected '}'" for the first mistake in `text`. */
export function describeJsonError(text: string): string {
  const at = jsonErrorOffset(text) ?? text.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  const what = at >= text.length ? 'unexpected end of the body' : `unexpected ${JSON.stringify(text[at])}`;
  return `${what} at line ${line}, column ${column} (character ${at})`;
}
