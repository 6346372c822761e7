import { describe, expect, it } from 'vitest';
import { toDatasetParseError } from './parseErrors.js';

/** DuckDB 1.5's own texts, as its CSV reader throws them. */
const DUCKDB = {
  quoteIsDelimiter:
    'Binder Error: QUOTE must not appear in the DELIMITER specification and vice versa\n\nLINE 1: SELECT * FROM read_csv(…)',
  escapeIsDelimiter: 'Binder Error: ESCAPE must not appear in the DELIMITER specification and vice versa',
  badType:
    'Conversion Error: CSV Error on Line: 2\nOriginal Line: 1,x\nError when converting column "b". Could not convert string "x" to \'BIGINT\'\n\nColumn b is being converted as type BIGINT\nThis type was either manually set or derived from an existing table. Select a different type to correctly parse this column.',
  noDialect:
    "Invalid Input Error: Error when sniffing file \"/tmp/q.csv\".\nIt was not possible to automatically detect the CSV parsing dialect\nThe search space used was:\nQuote/Escape Candidates: ['a','a']\nPossible fixes:\n* Disable the parser's strict mode",
  unterminated:
    'Invalid Input Error: CSV Error on Line: 4\nOriginal Line: "Cy,3\nValue with unterminated quote found.\n\nPossible fixes:\n* Enable ignore errors',
};

describe('toDatasetParseError', () => {
  it('says a quote or escape equal to the delimiter cannot work', () => {
    for (const raw of [DUCKDB.quoteIsDelimiter, DUCKDB.escapeIsDelimiter]) {
      const error = toDatasetParseError('orders.csv', new Error(raw));
      expect(error.code).toBe('DATASET_PARSE');
      expect(error.message).toMatch(/^Cannot read orders\.csv as CSV: (QUOTE|ESCAPE) must not appear/);
      expect(error.hint).toContain('different characters');
    }
  });

  it('points a value that does not fit a chosen type at the column type', () => {
    const error = toDatasetParseError('orders.csv', new Error(DUCKDB.badType));
    expect(error.message).toContain('Could not convert string "x" to \'BIGINT\'');
    expect(error.message).toContain('(the line reads 1,x)');
    expect(error.hint).toContain('choose another type for that column');
  });

  it('says settings that fit no dialect are the settings, not a broken quote', () => {
    expect(toDatasetParseError('q.csv', new Error(DUCKDB.noDialect)).hint).toContain(
      'No way of reading the file fits these settings',
    );
  });

  it('still explains an unclosed quote, naming its line as written', () => {
    const error = toDatasetParseError('broken.csv', new Error(DUCKDB.unterminated));
    expect(error.message).toBe(
      'Cannot read broken.csv as CSV: line 4 has an unclosed quote (the line reads "Cy,3).',
    );
    expect(error.hint).toContain('--quote ""');
  });
});

describe('toDatasetParseError on a line over the size limit', () => {
  // DuckDB 1.5's text for a 3,000,003-byte line; its settings dump names the quote, which once made
  // this read as an unclosed quote.
  const raw =
    'Invalid Input Error: CSV Error on Line: 1\nOriginal Line: 1,xxxx\nMaximum line size of 2000000 bytes exceeded. Actual Size:3000003 bytes.\n\n' +
    'Possible Solution: Change the maximum length size, e.g., max_line_size=3000005\n\n  file = /tmp/long.csv\n  delimiter = , (Auto-Detected)\n  quote = " (Auto-Detected)\n';

  it('names the line, its length and the limit, not a quote', () => {
    const error = toDatasetParseError('long.csv', new Error(raw));
    expect(error.code).toBe('DATASET_PARSE');
    expect(error.message).toBe(
      'Cannot read long.csv: line 1 is 3,000,003 bytes long, over the max line size of 2,000,000 bytes.',
    );
    expect(error.hint).toContain('--max-line-size 3000005');
    expect(error.hint).not.toContain('quote');
  });
});
