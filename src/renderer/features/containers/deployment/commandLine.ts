/**
 * A command line split into arguments as a POSIX shell would without expanding anything: blanks
 * separate, '…' keeps everything, "…" keeps all but \" and \\, a backslash outside quotes escapes the
 * next character. An unclosed quote is an error, not a guess.
 */
export function splitCommandLine(text: string): { argv: string[] } | { error: string } {
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) current += text[++i];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { error: `The ${quote === "'" ? 'single' : 'double'} quote is not closed.` };
  if (inWord) argv.push(current);
  return { argv };
}
