import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetManifestSchema } from '../../../shared/contract/datasets.js';
import { createImportHarness, type ImportHarness } from './testing/importHarness.js';

let h: ImportHarness;

beforeAll(async () => {
  h = await createImportHarness();
});

afterAll(async () => {
  await h.close();
});

/** Read directly, so these tests do not depend on the profile's own schema. */
function manifestOf(slug: string) {
  return h.workspace.readJson(join('datasets', slug, 'dataset.json'), datasetManifestSchema);
}

describe('importing each format against real DuckDB', () => {
  it('imports a Parquet file, detected by its PAR1 magic even without the extension', async () => {
    const path = await h.parquet(
      'scores.bin',
      'SELECT range AS id, (range / 2)::DOUBLE AS score FROM range(1000)',
    );
    const done = await h.importFile(path, undefined, 'scores');
    expect(done.error).toBeUndefined();
    const manifest = await manifestOf('scores');
    expect(manifest).toMatchObject({ schemaVersion: 2, format: 'parquet', rows: 1000 });
    expect(manifest.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'score', type: 'DOUBLE' },
    ]);
    expect('csv' in manifest && manifest.csv).toBeFalsy();
  });

  it('imports a JSON array of objects and an NDJSON file', async () => {
    const json = await h.fixture(
      'people.json',
      JSON.stringify([
        { name: 'Ann', age: 31 },
        { name: 'Bo', age: 42 },
      ]),
    );
    const ndjson = await h.fixture(
      'events.ndjson',
      '{"kind":"click","ms":12}\n{"kind":"view","ms":40}\n{"kind":"click","ms":7}\n',
    );
    expect((await h.importFile(json)).result).toEqual({ slug: 'people' });
    expect((await h.importFile(ndjson)).result).toEqual({ slug: 'events' });
    expect(await manifestOf('people')).toMatchObject({ format: 'json', rows: 2 });
    expect(await manifestOf('events')).toMatchObject({ format: 'ndjson', rows: 3 });
  });

  it('imports a TSV and records every CSV setting it used', async () => {
    const path = await h.fixture('heights.tsv', 'name\theight\nAnn\t170.5\nBo\t182\n');
    await h.importFile(path);
    const manifest = await manifestOf('heights');
    expect(manifest).toMatchObject({
      format: 'tsv',
      csv: { delimiter: '\t', hasHeader: true, encoding: 'utf-8', skipRows: 0, columnTypes: {} },
    });
  });

  it('honours overrides: delimiter, no header, skipped lines, Latin-1 and a column type', async () => {
    const body = Buffer.concat([
      Buffer.from('exported by tool v1\n'),
      Buffer.from('007;M'),
      Buffer.from([0xfc]), // ü in Latin-1
      Buffer.from('nchen\n008;Köln\n'.replace('ö', 'o')),
    ]);
    const path = await h.fixture('cities.txt', body);
    const done = await h.importFile(path, {
      delimiter: ';',
      header: false,
      skipRows: 1,
      encoding: 'latin-1',
      columnTypes: { column0: 'VARCHAR' },
    });
    expect(done.error).toBeUndefined();
    const manifest = await manifestOf('cities');
    expect(manifest).toMatchObject({
      format: 'csv',
      rows: 2,
      csv: { delimiter: ';', hasHeader: false, encoding: 'latin-1', skipRows: 1 },
    });
    // The leading zeros survive because the column was read as text, as asked.
    expect(manifest.columns[0]).toEqual({ name: 'column0', type: 'VARCHAR' });
    const preview = await h.datasets.preview({
      source: { path, label: path, temporary: false },
      options: {
        delimiter: ';',
        header: false,
        skipRows: 1,
        encoding: 'latin-1',
        columnTypes: { column0: 'VARCHAR' },
      },
    });
    expect(preview.rows[0]).toEqual(['007', 'München']);
  });

  it('detects UTF-16 by its byte-order mark and a tab-delimited .txt as TSV', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name,city\nBo,Zürich\n', 'utf16le'),
    ]);
    const path = await h.fixture('windows-export.csv', utf16);
    const preview = await h.datasets.preview({ source: { path, label: path, temporary: false } });
    expect(preview).toMatchObject({ format: 'csv', csv: { encoding: 'utf-16' } });
    expect(preview.rows).toEqual([['Bo', 'Zürich']]);
    const tabs = await h.fixture('export.txt', 'a\tb\n1\tx\n2\ty\n');
    expect(await h.datasets.preview({ source: { path: tabs, label: tabs, temporary: false } })).toMatchObject(
      {
        format: 'tsv',
        csv: { delimiter: '\t' },
      },
    );
  });

  it('gives a preview the same clear errors as an import', async () => {
    const path = await h.fixture(
      'photo.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
    );
    await expect(
      h.datasets.preview({ source: { path, label: path, temporary: false } }),
    ).rejects.toMatchObject({
      code: 'DATASET_PARSE',
      message: 'photo.csv is not a text file: it has a binary byte at offset 8.',
    });
  });

  it('imports a random sample of N rows when asked, and says so in the manifest', async () => {
    const lines = ['i,v', ...Array.from({ length: 5000 }, (_, i) => `${i},${i % 7}`)];
    const path = await h.fixture('big-sample.csv', `${lines.join('\n')}\n`);
    await h.importFile(path, { sampleRows: 100 });
    expect(await manifestOf('big-sample')).toMatchObject({ rows: 100, sample: { rows: 100 } });
  });

  it('previews the first rows with detected settings, and again with a changed delimiter', async () => {
    const path = await h.fixture('semi.csv', 'a;b\n1;x\n2;y\n');
    const source = { path, label: path, temporary: false };
    const detected = await h.datasets.preview({ source });
    expect(detected).toMatchObject({ format: 'csv', csv: { delimiter: ';', hasHeader: true } });
    expect(detected.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(detected.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    const forced = await h.datasets.preview({ source, options: { delimiter: ',' } });
    expect(forced.columns).toHaveLength(1);
    expect(forced.csv?.delimiter).toBe(',');
  });

  it('reads quote characters as text when the quote is set to none (an empty quote)', async () => {
    const path = await h.fixture('inches.csv', 'size,label\n12,"12"" screen\n15,15" laptop\n');
    const source = { path, label: path, temporary: false };
    const none = await h.datasets.preview({ source, options: { quote: '' } });
    expect(none.csv?.quote).toBe('');
    expect(none.rows).toEqual([
      ['12', '"12"" screen'],
      ['15', '15" laptop'],
    ]);
  });

  it('previews only the head of a big file', async () => {
    const row = 'a-fairly-long-text-value-to-fill-the-file,12345,67890\n';
    const path = await h.fixture('huge.csv', `t,x,y\n${row.repeat(200_000)}`);
    const preview = await h.datasets.preview({ source: { path, label: path, temporary: false } });
    expect(preview.rows).toHaveLength(20);
    expect(preview.fileName).toBe('huge.csv');
  });

  it('still reads a v1 manifest', () => {
    const v1 = {
      schemaVersion: 1,
      slug: 'old',
      name: 'old',
      format: 'csv',
      source: { fileName: 'old.csv', path: null, sizeBytes: 3, sha256: 'x', modifiedAt: '2026-01-01' },
      csv: { delimiter: ',', quote: '"', hasHeader: true },
      data: { file: 'data.parquet', sizeBytes: 1 },
      rows: 1,
      columns: [{ name: 'a', type: 'BIGINT' }],
      importedAt: '2026-01-01',
    };
    expect(datasetManifestSchema.parse(v1).schemaVersion).toBe(1);
  });

  it('never modifies the source: same bytes and mtime after an import', async () => {
    const path = await h.fixture('untouched.csv', 'a,b\n1,2\n');
    const before = { bytes: await readFile(path), mtime: (await stat(path)).mtimeMs };
    await h.importFile(path);
    expect(await readFile(path)).toEqual(before.bytes);
    expect((await stat(path)).mtimeMs).toBe(before.mtime);
  });
});
