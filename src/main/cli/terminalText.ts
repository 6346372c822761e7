/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts CSI and OSC sequences
 * that move the cursor, clear the screen, set the title or write to the clipboard; CR overwrites
 * the line), DEL, C1 controls (U+009B is an 8-bit CSI to some terminals), and the bidi controls that
 * reorder what is shown (Trojan Source: U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F,
 * U+061C) plus the Unicode line separators.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINES =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 controls as `\x1b` (the spelling people search for); DEL, C1 and Unicode controls as `\u009b`,
 * which is also a valid escape inside a JSON string, so JSON on stdout stays JSON.
 */
function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x20
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One field (a name, a cell, a path, a message) as the terminal should show it: every control
 * character becomes a visible escape, LF and tab included, so a value can neither run escape
 * sequences nor forge lines or columns.
 */
export function terminalText(value: string): string {
  return value.replace(CONTROL, visible);
}

/**
 * A whole block of text the CLI prints: the LF and tab its printers put between lines and cells stay;
 * any other control character (from a field a printer did not escape) is shown escaped. The last
 * guard on stdout and stderr, so no raw ESC or CR ever reaches the terminal.
 */
export function terminalLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, visible);
}

/**
 * A template whose every interpolated value is one field (terminalText): `` line`  file ${name}` ``.
 * Only for values that are single fields, never for blocks of lines built elsewhere.
 */
export function line(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce(
    (text, part, i) => text + part + (i < values.length ? terminalText(String(values[i])) : ''),
    '',
  );
}
