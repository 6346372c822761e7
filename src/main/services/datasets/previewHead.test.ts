import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedSource } from '../workspace/index.js';
import { completeLinesEnd } from './preview.js';
import { createImportHarness, type ImportHarness } from './testing/importHarness.js';

let h: ImportHarness;

beforeAll(async () => {
  h = await createImportHarness();
});

afterAll(async () => {
  await h.close();
});

/** The first bytes of a file, as a browser sends them ahead of the whole upload. */
function headOf(path: string, label: string): TrustedSource {
  return { path, label, temporary: false, headOnly: true };
}

describe('completeLinesEnd', () => {
  it('ends just past the last newline, or at 0 when no line is complete', () => {
    expect(completeLinesEnd(Buffer.from('a,b\n1,2\n3,'), 'utf-8')).toBe(8);
    expect(completeLinesEnd(Buffer.from('a,b\n'), 'latin-1')).toBe(4);
    expect(completeLinesEnd(Buffer.from('a,b'), 'utf-8')).toBe(0);
  });

  it('finds a UTF-16 newline only as a whole code unit, in either byte order', () => {
    // "a\n" then "\u0a0a" cut in half: the second 0x0a pair is one character, not a newline.
    const little = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\n\u0a0a', 'utf16le'),
      Buffer.from([0x31]),
    ]);
    expect(completeLinesEnd(little, 'utf-16')).toBe(6);
    const big = Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a, 0x00, 0x62, 0x00]);
    expect(completeLinesEnd(big, 'utf-16')).toBe(6);
    expect(completeLinesEnd(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'utf-16')).toBe(0);
  });
});

describe('previewing the head of a file that is still uploading', () => {
  it('drops a last line cut inside a quoted field instead of reporting a broken quote', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},"note ${i}, with a comma",${i * 1.5}`);
    const path = await h.fixture('head.csv', `id,note,score\n${rows.join('\n')}\n31,"note 31, wi`);
    const preview = await h.datasets.preview({ source: headOf(path, 'orders.csv') });
    expect(preview.fileName).toBe('orders.csv');
    expect(preview.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'score', type: 'DOUBLE' },
    ]);
    expect(preview.rows).toHaveLength(20);
    // BIGINT cells travel as text, so no digit is lost to a double.
    expect(preview.rows[1]).toEqual(['1', 'note 1, with a comma', 1.5]);
  });

  it('keeps every whole row of a short head and none of its cut one', async () => {
    const path = await h.fixture('short-head.csv', 'a,b\n1,2\n3,4\n5');
    const preview = await h.datasets.preview({ source: headOf(path, 'short.csv') });
    expect(preview.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('cuts a UTF-16 head on a whole newline', async () => {
    const text = Buffer.from('name,city\nBo,Zürich\nAl,Köln\nCy,Mün', 'utf16le');
    const path = await h.fixture('head-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), text]));
    const preview = await h.datasets.preview({ source: headOf(path, 'cities.csv') });
    expect(preview.rows).toEqual([
      ['Bo', 'Zürich'],
      ['Al', 'Köln'],
    ]);
  });

  it('says a Parquet head cannot be previewed, and that the whole file will be', async () => {
    const path = await h.parquet('head.parquet', 'SELECT 1 AS a');
    await expect(h.datasets.preview({ source: headOf(path, 'scores.parquet') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'A Parquet file can only be previewed whole, and scores.parquet is still uploading.',
      hint: 'The preview appears when the upload finishes.',
    });
  });

  it('never imports or profiles a head', async () => {
    const path = await h.fixture('never.csv', 'a,b\n1,2\n');
    const source = headOf(path, 'big.csv');
    expect(() => h.datasets.importFile({ source })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('only the head of big.csv') as unknown,
      }),
    );
    expect(() => h.datasets.profileJob(source)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(await h.datasetSlugs()).toEqual([]);
  });
});
