import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './commandLine.js';

describe('splitCommandLine', () => {
  it('splits on blanks', () => {
    expect(splitCommandLine('  ls   -la /srv ')).toEqual({ argv: ['ls', '-la', '/srv'] });
  });

  it('keeps quoted text whole, quotes removed', () => {
    expect(splitCommandLine(`node -e "console.log('a b')"`)).toEqual({
      argv: ['node', '-e', "console.log('a b')"],
    });
    expect(splitCommandLine(`echo 'say "hi"' ""`)).toEqual({ argv: ['echo', 'say "hi"', ''] });
  });

  it('honours backslash escapes outside single quotes', () => {
    expect(splitCommandLine('echo a\\ b "c\\"d" \'e\\f\'')).toEqual({ argv: ['echo', 'a b', 'c"d', 'e\\f'] });
  });

  it('refuses an unclosed quote', () => {
    expect(splitCommandLine('echo "oops')).toEqual({ error: 'The double quote is not closed.' });
  });

  it('gives no arguments for a blank line', () => {
    expect(splitCommandLine('   ')).toEqual({ argv: [] });
  });
});
