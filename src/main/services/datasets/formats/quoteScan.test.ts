import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOpenQuote, type QuoteScanOptions } from './quoteScan.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-quotes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rfc: QuoteScanOptions = { delimiter: 0x2c, quote: 0x22, escape: 0x22, skipLines: 0 };

async function scan(content: string | Buffer, options: Partial<QuoteScanOptions> = {}) {
  const path = join(dir, `${crypto.randomUUID()}.csv`);
  await writeFile(path, content);
  return findOpenQuote(path, { ...rfc, ...options });
}

describe('the RFC 4180 quote scan', () => {
  it.each([
    ['no quotes', 'a,b\n1,2\n'],
    ['closed quotes, a doubled quote and a delimiter inside', 'a,b\n"x ""y"", z",2\n'],
    ['a quoted field over two lines', 'a,b\n"two\nlines",2\n'],
    ['quotes inside unquoted values', 'size,item\n12",pizza\n14 " wide,x\n'],
    ['CRLF after a closing quote', 'a,b\r\n"x",2\r\n'],
  ])('finds nothing wrong in %s', async (_name, content) => {
    expect(await scan(content)).toBeUndefined();
  });

  it('names the line a never-closed quote opens on, and that line', async () => {
    expect(await scan('a,b\n1,x\n2,"open\n3,y\n')).toEqual({ line: 3, text: '2,"open', reason: 'unclosed' });
  });

  it('reads an escape other than the quote as escaping the next byte', async () => {
    expect(await scan('a,b\n"x\\"y",2\n', { escape: 0x5c })).toBeUndefined();
    expect(await scan('a,b\n"x\\",2\n', { escape: 0x5c })).toMatchObject({ line: 2, reason: 'unclosed' });
  });

  it('ignores skipped title lines and stops after the sampled lines', async () => {
    expect(await scan('"Report\na,b\n1,2\n', { skipLines: 1 })).toBeUndefined();
    expect(await scan('a,b\n1,2\n3,"x\n', { maxLines: 2 })).toBeUndefined();
  });

  it('reports a quote open past the byte limit, and one open across a read-chunk boundary', async () => {
    const long = `a,b\n1,"${'x'.repeat(3_000_000)}"\n`;
    expect(await scan(long, { maxQuotedBytes: 2_000_000 })).toMatchObject({ line: 2, reason: 'too-long' });
    expect(await scan(long)).toBeUndefined();
    const rows = 'a,b\n' + '1,"ok"\n'.repeat(200_000) + '2,"abc"def\n';
    expect(await scan(rows)).toEqual({ line: 200_002, text: '2,"abc"def', reason: 'text-after-quote' });
  });
});
