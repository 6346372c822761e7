import { execFileSync } from 'node:child_process';
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/contract/jobs.js';
import { createImportHarness, type ImportHarness } from './testing/importHarness.js';

let h: ImportHarness;

beforeAll(async () => {
  h = await createImportHarness();
});

afterAll(async () => {
  await h.close();
});

/** Every refusal leaves the workspace exactly as it was. */
async function expectRefused(job: Job, code: string, message: RegExp, before: string[]): Promise<void> {
  expect(job.status).toBe('failed');
  expect(job.error?.code).toBe(code);
  expect(job.error?.message).toMatch(message);
  expect(job.error?.hint).toBeTruthy();
  expect(await h.datasetSlugs()).toEqual(before);
  expect(await h.scratchImports()).toEqual([]);
}

describe('bad input, against real DuckDB and real files', () => {
  it.each(['empty.parquet', 'empty.json', 'empty.tsv'])('refuses an empty %s', async (name) => {
    const before = await h.datasetSlugs();
    const done = await h.importFile(await h.fixture(name, ''));
    await expectRefused(
      done,
      'DATASET_EMPTY',
      new RegExp(`${name.replace('.', '\\.')} is empty \\(0 bytes\\)`),
      before,
    );
  });

  it('names the line and byte of a file that mixes UTF-8 and Latin-1, and suggests the encoding option', async () => {
    const before = await h.datasetSlugs();
    const path = await h.fixture(
      'mixed.csv',
      Buffer.concat([Buffer.from('name,city\nAnn,Köln\nBob,M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]),
    );
    const done = await h.importFile(path);
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read mixed\.csv as UTF-8 text: line 3 is not valid UTF-8 \(byte 0xfc at offset 25\)\.$/,
      before,
    );
    expect(done.error?.hint).toMatch(/latin-1/);
    // The advice works: with the encoding given, the Latin-1 line reads (the UTF-8 one becomes mojibake, as it must).
    expect((await h.importFile(path, { encoding: 'latin-1' })).status).toBe('succeeded');
  });

  it('says a line over the max line size is too long, naming the line, and the option that raises it works', async () => {
    const before = await h.datasetSlugs();
    const path = await h.fixture('long-field.csv', `a,b\n1,${'x'.repeat(3_000_000)}\n2,y\n`);
    const done = await h.importFile(path);
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read long-field\.csv: line 2 is 3,000,002 bytes long, over the max line size of 2,000,000 bytes\.$/,
      before,
    );
    expect(done.error?.hint).toContain('--max-line-size 3000004');
    expect(done.error?.hint).not.toMatch(/unclosed|quote/i);
    const raised = await h.importFile(path, { maxLineSize: 3_000_004 });
    expect(raised.status).toBe('succeeded');
    const { manifest } = await h.datasets.get((raised.result as { slug: string }).slug);
    expect(manifest.rows).toBe(2);
    expect(manifest).toMatchObject({ csv: { maxLineSize: 3_000_004 } });
  });

  // Past DuckDB's 32 MB buffer its sniffer names line 1 and the buffer's size, and a read that
  // records faulty lines drops the line without a word.
  it.each([
    ['at the top, where the sniffer meets it', 'long-top.csv', '', 2],
    [
      'past the sniffed sample, where the read would drop it',
      'long-late.csv',
      'i,v\n'.repeat(30_000),
      30_002,
    ],
  ])('names a 40 MB unquoted line %s, with its exact length', async (_where, name, before40, line) => {
    const before = await h.datasetSlugs();
    const path = await h.fixture(name, `a,b\n${before40}1,${'x'.repeat(40_000_000)}\n2,y\n`);
    const done = await h.importFile(path);
    await expectRefused(
      done,
      'DATASET_PARSE',
      new RegExp(
        `^Cannot read ${name.replace('.', '\\.')}: line ${line} is 40,000,002 bytes long, over the max line size of 2,000,000 bytes\\.$`,
      ),
      before,
    );
  });

  it('passes the max line size to the reader: a smaller one refuses a shorter line, in the preview too', async () => {
    const path = await h.fixture('medium-line.csv', `a,b\n1,${'y'.repeat(1500)}\n2,z\n`);
    const message =
      /^Cannot read medium-line\.csv: line 2 is 1,502 bytes long, over the max line size of 1,000 bytes\.$/;
    const done = await h.importFile(path, { maxLineSize: 1000 });
    expect(done.error?.message).toMatch(message);
    const preview = h.datasets.preview({
      source: { path, label: path, temporary: false },
      options: { maxLineSize: 1000 },
    });
    await expect(preview).rejects.toMatchObject({
      code: 'DATASET_PARSE',
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('says a quote left open past the max line size is an unclosed quote on its line, not a long line', async () => {
    const before = await h.datasetSlugs();
    // 40 MB: past the sniffer's one buffer, so it is the sniffer that meets the open quote.
    const rows = Array.from({ length: 2_500_000 }, (_, i) => `${i},v${i}`);
    rows[15_000] = '15000,"open';
    const done = await h.importFile(await h.fixture('open-quote-big.csv', `a,b\n${rows.join('\n')}\n`));
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read open-quote-big\.csv as CSV: line 15002 has an unclosed quote, still open after 2,000,000 bytes \(the line reads 15000,"open\)\.$/,
      before,
    );
    expect(done.error?.hint).toMatch(/--quote ""/);
  });

  it('says a Parquet file cut in half is truncated or corrupt', async () => {
    const before = await h.datasetSlugs();
    const path = await h.parquet(
      'cut.parquet',
      "SELECT range AS id, 'row ' || range AS label FROM range(50000)",
    );
    await truncate(path, Math.floor((await stat(path)).size / 2));
    const done = await h.importFile(path);
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read cut\.parquet as Parquet: the file is truncated or corrupt/,
      before,
    );
  });

  it.each([
    ['numbers.json', '[1, 2, 3]', 'record 1 of the array (line 1) is a number'],
    ['words.json', '["a", "b"]', 'record 1 of the array (line 1) is a string'],
    ['nested.ndjson', '[1, 2]\n[3, 4]\n', 'the record on line 1 is an array'],
    // Past the first record: DuckDB read these as one "json" column, or the null as a row of NULLs.
    ['late-number.json', '[{"a": 1},\n 2,\n {"a": 3}]', 'record 2 of the array (line 2) is a number'],
    ['late-null.json', '[{"a": 1}, {"a": 2}, null]', 'record 3 of the array (line 1) is null'],
    ['late-array.json', '[{"a": 1}, [{"a": 2}]]', 'record 2 of the array (line 1) is an array'],
    ['late-string.ndjson', '{"a": 1}\n"str"\n{"a": 3}\n', 'the record on line 2 is a string'],
    ['late-null.ndjson', '{"a": 1}\n{"a": 2}\n\nnull\n', 'the record on line 4 is null'],
    ['late-number.ndjson', '{"a": 1}\n42\n', 'the record on line 2 is a number'],
  ])('refuses JSON whose records are not all objects: %s', async (name, content, found) => {
    const before = await h.datasetSlugs();
    const path = await h.fixture(name, content);
    const message = `Cannot import ${name}: it is JSON, but ${found}, not an object with named fields.`;
    await expectRefused(
      await h.importFile(path),
      'DATASET_PARSE',
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      before,
    );
    const preview = h.datasets.preview({ source: { path, label: path, temporary: false } });
    await expect(preview).rejects.toMatchObject({ code: 'DATASET_PARSE', message });
  });

  it('imports and profiles nested lists, structs and maps, summarised as "other", beside the columns it profiles fully', async () => {
    const json = await h.importFile(
      await h.fixture(
        'nested-lists.json',
        '[{"id": 1, "a": [[1, 2]], "d": ["2024-01-01"]}, {"id": 2, "a": [[3]], "d": []}]',
      ),
    );
    expect(json.error).toBeUndefined();
    const fromJson = await h.datasets.get((json.result as { slug: string }).slug);
    expect(fromJson.profile.columns.map((c) => [c.name, c.type, c.kind, c.count, c.distinct])).toEqual([
      ['id', 'BIGINT', 'numeric', 2, 2],
      ['a', 'BIGINT[][]', 'other', 2, 2],
      ['d', 'DATE[]', 'other', 2, 2],
    ]);
    const parquet = await h.importFile(
      await h.parquet(
        'nested.parquet',
        "SELECT range AS id, [range::DECIMAL(10,2)] AS prices, {'x': range} AS point, map([range], ['v']) AS tags, [1.5, range]::DOUBLE[2] AS pair FROM range(5)",
      ),
    );
    expect(parquet.error).toBeUndefined();
    const fromParquet = await h.datasets.get((parquet.result as { slug: string }).slug);
    expect(fromParquet.profile.columns.map((c) => c.kind)).toEqual([
      'numeric',
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('names the file and the position of broken JSON', async () => {
    const before = await h.datasetSlugs();
    const done = await h.importFile(await h.fixture('broken.json', '[{"a": 1}, {"a": '));
    await expectRefused(done, 'DATASET_PARSE', /^Cannot read broken\.json as JSON: /, before);
  });

  it('never modifies the source, even when the import fails', async () => {
    const path = await h.fixture('bad-but-kept.csv', 'name,score\n"Ann",1\n"Bob, Jr",2\n"Cy,3\n"Di",4\n');
    const before = { bytes: await readFile(path), mtime: (await stat(path)).mtimeMs };
    expect((await h.importFile(path)).status).toBe('failed');
    expect(await readFile(path)).toEqual(before.bytes);
    expect((await stat(path)).mtimeMs).toBe(before.mtime);
  });

  it.each([
    ['Parquet', 'cancel-me.parquet', 'Converting to Parquet'],
    ['NDJSON', 'cancel-me.ndjson', 'Converting to Parquet'],
    ['JSON', 'cancel-me-too.json', 'Profiling'],
  ])('cancels a %s import (%s) at "%s" and cleans up', async (_label, name, stage) => {
    const path = join(h.dir, name);
    const select = `SELECT range AS id, 'name ' || (range % 997) AS name, random() AS x, repeat('y', 40) AS pad FROM range(${stage === 'Profiling' ? 400_000 : 2_000_000})`;
    const format = name.endsWith('.parquet')
      ? 'parquet'
      : name.endsWith('.ndjson')
        ? 'json'
        : 'json, ARRAY true';
    await h.duckdb.withConnection((session) =>
      session.run(`COPY (${select}) TO '${path}' (FORMAT ${format})`),
    );
    const before = await h.datasetSlugs();
    const job = h.datasets.importFile({ source: { path, label: path, temporary: false } });
    const stop = h.jobs.onUpdate((update) => {
      if (update.id === job.id && update.stage === stage) h.jobs.cancel(job.id);
    });
    const done = await h.jobs.wait(job.id);
    stop();
    expect(done.status).toBe('cancelled');
    expect(await h.datasetSlugs()).toEqual(before);
    expect(await h.scratchImports()).toEqual([]);
  });
});

const isRoot = process.getuid?.() === 0;

// A real small disk: tmpfs needs root to mount; without it these two tests cannot be real, so skip.
describe.skipIf(!isRoot)('a workspace on a small (8 MiB tmpfs) disk — needs root to mount tmpfs', () => {
  let small: ImportHarness;
  let mountPoint: string;

  beforeAll(async () => {
    mountPoint = join(h.dir, 'small-disk');
    execFileSync('mkdir', ['-p', mountPoint]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
    // Unthrottled job updates, so the test can act at the moment a stage starts.
    small = await createImportHarness({ workspaceRoot: join(mountPoint, 'ws'), throttleMs: 0 });
  });

  afterAll(async () => {
    await small.close();
    execFileSync('umount', [mountPoint]);
  });

  it('refuses a file bigger than the free space before writing anything', async () => {
    const path = await h.fixture('too-big.csv', `a,b\n${'123456789,abcdefghij\n'.repeat(600_000)}`);
    const done = await small.importFile(path);
    expect(done.error?.code).toBe('DISK_FULL');
    expect(done.error?.message).toMatch(
      /^Not enough free disk space to import too-big\.csv: it needs about [\d.]+ MB in the workspace, and only [\d.]+ MB is free\.$/,
    );
    expect(done.error?.hint).toMatch(/--sample/);
    expect(await small.datasetSlugs()).toEqual([]);
    expect(await small.scratchImports()).toEqual([]);
    // The advice works: a random sample of that file fits.
    const sampled = await small.importFile(path, { sampleRows: 1000 });
    expect(sampled.error).toBeUndefined();
    expect(sampled.status).toBe('succeeded');
    await rm(small.workspace.resolve('datasets', 'too-big'), { recursive: true });
  });

  it('maps a disk that fills during the conversion to DISK_FULL, removes the partial copy and keeps working', async () => {
    // Random text does not compress, so the Parquet copy needs real room; the check passes first.
    const lines = Array.from(
      { length: 150_000 },
      () => `${Math.random().toString(36).slice(2)},${Math.random()}`,
    );
    const path = await h.fixture('fills-disk.csv', `k,v\n${lines.join('\n')}\n`);
    const filler = join(mountPoint, 'ws', 'other-program.bin');
    const job = small.datasets.importFile({ source: { path, label: path, temporary: false } });
    // Another program takes the space after the check, as happens on a real shared disk.
    const stop = small.jobs.onUpdate((update) => {
      if (update.id === job.id && update.stage === 'Converting to Parquet') {
        execFileSync('sh', ['-c', `head -c 7900k /dev/zero > '${filler}' 2>/dev/null || true`]);
      }
    });
    const done = await small.jobs.wait(job.id);
    stop();
    expect(done.error?.code).toBe('DISK_FULL');
    expect(done.error?.message).toBe(
      'The disk filled up while importing fills-disk.csv; the partial copy was removed.',
    );
    expect(await small.datasetSlugs()).toEqual([]);
    expect(await small.scratchImports()).toEqual([]);
    await rm(filler);
    const after = await small.importFile(await h.fixture('small-after.csv', 'a,b\n1,2\n'));
    expect(after.status).toBe('succeeded');
  });
});

describe('ragged rows: imported without them, each listed in the lint', () => {
  const ragged = async (slug: string) => {
    const { profile } = await h.datasets.get(slug);
    return profile.lint.find((finding) => finding.type === 'ragged_rows');
  };

  it('leaves out short and long rows near the top (where the sniffer reads) and names their lines', async () => {
    const path = await h.fixture('ragged-top.csv', 'a,b,c\n1,2,3\nx,5\n6,7,8,9\n10,11,12\n');
    const preview = await h.datasets.preview({ source: { path, label: path, temporary: false } });
    expect(preview.rows).toEqual([
      ['1', '2', '3'],
      ['10', '11', '12'],
    ]);
    const done = await h.importFile(path);
    expect(done.status).toBe('succeeded');
    const slug = (done.result as { slug: string }).slug;
    const { manifest } = await h.datasets.get(slug);
    expect(manifest.rows).toBe(2);
    expect(manifest.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const finding = await ragged(slug);
    expect(finding?.count).toBe(2);
    expect(finding?.examples).toEqual(['line 3: x,5', 'line 4: 6,7,8,9']);
    expect(finding?.message).toMatch(/^2 rows have more or fewer fields than the header and were left out/);
    expect(h.jobs.log(done.id, 0, 50).lines.map((l) => l.text)).toContainEqual(
      expect.stringMatching(/^Left out 2 rows whose number of fields differs from the header/),
    );
  });

  it('finds a ragged row far past the sniffed sample, in an import and in a profile without import', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => (i === 25_000 ? `${i},x,extra,field` : `${i},x`));
    const path = await h.fixture('ragged-late.csv', `id,label\n${lines.join('\n')}\n`);
    const done = await h.importFile(path);
    expect(done.status).toBe('succeeded');
    const finding = await ragged((done.result as { slug: string }).slug);
    expect(finding?.count).toBe(1);
    expect(finding?.examples).toEqual(['line 25002: 25000,x,extra,field']);
    const profiled = await h.datasets.profileCsv(path);
    expect(profiled.rows).toBe(29_999);
    expect(profiled.lint.find((f) => f.type === 'ragged_rows')?.count).toBe(1);
  });

  it('records the choice: skip unless told', async () => {
    const done = await h.importFile(await h.fixture('ragged-skip.csv', 'a,b\n1,2\n3\n4,5\n'));
    const { manifest } = await h.datasets.get((done.result as { slug: string }).slug);
    expect(manifest).toMatchObject({ rows: 2, csv: { raggedRows: 'skip' } });
  });

  it('fails on the first ragged row with raggedRows fail, naming its line and both counts, in the preview too', async () => {
    const before = await h.datasetSlugs();
    const path = await h.fixture('ragged-fail.csv', 'a,b,c\n1,2,3\nx,5\n6,7,8,9\n10,11,12\n');
    const message =
      /^Cannot read ragged-fail\.csv as CSV: line 3 has 2 fields where the header has 3 \(the line reads x,5\)\.$/;
    const done = await h.importFile(path, { raggedRows: 'fail' });
    await expectRefused(done, 'DATASET_PARSE', message, before);
    expect(done.error?.hint).toMatch(/--ragged skip.*--ragged pad/);
    const preview = h.datasets.preview({
      source: { path, label: path, temporary: false },
      options: { raggedRows: 'fail' },
    });
    await expect(preview).rejects.toMatchObject({
      code: 'DATASET_PARSE',
      message: expect.stringMatching(message) as unknown,
    });
    const late = Array.from({ length: 30_000 }, (_, i) => (i === 25_000 ? `${i},x,extra` : `${i},x`));
    const lateDone = await h.importFile(
      await h.fixture('ragged-fail-late.csv', `id,v\n${late.join('\n')}\n`),
      {
        raggedRows: 'fail',
      },
    );
    expect(lateDone.error?.message).toBe(
      'Cannot read ragged-fail-late.csv as CSV: line 25002 has 3 fields where the header has 2 (the line reads 25000,x,extra).',
    );
  });

  it('pads short rows with NULLs with raggedRows pad, still leaves out long ones, and says so', async () => {
    const path = await h.fixture('ragged-pad.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n13\n');
    const source = { path, label: path, temporary: false };
    const preview = await h.datasets.preview({ source, options: { raggedRows: 'pad' } });
    // The row with a fourth field is in the sniffer's sample: no "column3" appears for it.
    expect(preview.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(preview.rows).toEqual([
      ['1', '2', '3'],
      ['4', '5', null],
      ['10', '11', '12'],
      ['13', null, null],
    ]);
    const done = await h.importFile(path, { raggedRows: 'pad' });
    expect(done.status).toBe('succeeded');
    const slug = (done.result as { slug: string }).slug;
    const { manifest } = await h.datasets.get(slug);
    expect(manifest).toMatchObject({ rows: 4, csv: { raggedRows: 'pad' } });
    const finding = await ragged(slug);
    expect(finding?.count).toBe(3);
    expect(finding?.examples).toEqual(['line 3: 4,5', 'line 4: 6,7,8,9', 'line 6: 13']);
    expect(finding?.message).toMatch(
      /^2 rows with fewer fields than the header were kept, with NULL in the missing fields; 1 row with more was left out of the data set\./,
    );
    expect(h.jobs.log(done.id, 0, 50).lines.map((l) => l.text)).toContainEqual(
      "Padded 2 rows with fewer fields than the header with NULLs; left out 1 rows whose number of fields differs from the header (listed in the profile's lint)",
    );
  });

  it('fails naming the line when a padded row holds a value its column type cannot, and --type fixes it', async () => {
    const path = await h.fixture('ragged-pad-type.csv', 'a,b\n1,2\n3,4\nx\n');
    const done = await h.importFile(path, { raggedRows: 'pad' });
    expect(done.error?.code).toBe('DATASET_PARSE');
    expect(done.error?.message).toMatch(/^Cannot read ragged-pad-type\.csv as CSV: .*Line: 4/);
    expect(done.error?.hint).toMatch(/type/);
    const typed = await h.importFile(path, { raggedRows: 'pad', columnTypes: { a: 'VARCHAR' } });
    expect(typed.error).toBeUndefined();
    const { manifest } = await h.datasets.get((typed.result as { slug: string }).slug);
    expect(manifest.rows).toBe(3);
  });

  it('pads with the types and date format detected, and finds a short row past the sniffed sample', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      i === 25_000 ? `${i},31/12/2024` : `${i},${String((i % 28) + 1).padStart(2, '0')}/01/2024,x${i}`,
    );
    const path = await h.fixture('ragged-pad-late.csv', `id,day,label\n${lines.join('\n')}\n`);
    const done = await h.importFile(path, { raggedRows: 'pad' });
    expect(done.error).toBeUndefined();
    const slug = (done.result as { slug: string }).slug;
    const { manifest } = await h.datasets.get(slug);
    expect(manifest.rows).toBe(30_000);
    expect(manifest.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'day', type: 'DATE' },
      { name: 'label', type: 'VARCHAR' },
    ]);
    expect((await ragged(slug))?.examples).toEqual(['line 25002: 25000,31/12/2024']);
  });

  it('still refuses a file whose problem is not the number of fields, naming the line', async () => {
    const before = await h.datasetSlugs();
    // Quoted values from the start, so the sniffer reads '"' as the quote; one is never closed.
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i},"value ${i}"`);
    lines[25_000] = '25000,"not closed';
    const done = await h.importFile(await h.fixture('late-quote.csv', `a,b\n${lines.join('\n')}\n`));
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read late-quote\.csv as CSV: line 25002 has an unclosed quote \(the line reads 25000,"not closed\)\.$/,
      before,
    );
  });

  it('names the unclosed quote, not the ragged row before it, when the sniffer falls back to one column', async () => {
    const before = await h.datasetSlugs();
    const path = await h.fixture('ragged-then-quote.csv', 'a,b,c\n1,2\n3,4,5,6\n7,"8,9\n10,11,12\n');
    const done = await h.importFile(path);
    await expectRefused(
      done,
      'DATASET_PARSE',
      /^Cannot read ragged-then-quote\.csv as CSV: line 4 has an unclosed quote \(the line reads 7,"8,9\)\.$/,
      before,
    );
  });
});

describe('unclosed quotes: the import fails naming the line, never imports the quotes as text', () => {
  const quoted = Array.from({ length: 100 }, (_, i) => `${i},"v ${i}"`).join('\n');
  it.each([
    // The sniffer gives up on quoting when its sample holds a broken quote, and picks none.
    ['mid-file.csv', 'a,b\n1,"x\n2,y\n3,z\n', 2, 'never closed before the end of the file', '1,"x'],
    ['last-line.csv', 'a,b\n1,x\n2,y\n3,"z\n', 4, 'never closed before the end of the file', '3,"z'],
    [
      'last-line-no-newline.csv',
      `a,b\n${quoted}\n100,"not closed`,
      102,
      'never closed before the end of the file',
      '100,"not closed',
    ],
    ['quoted-values.csv', 'a,b\n"1","x"\n"2,y\n3,z\n', 3, 'never closed before the end of the file', '"2,y'],
    // Closed by the next quote on another line, then text follows it.
    [
      'closed-later.csv',
      'a,b\n1,x\n2,"open\n3,"y"\n4,z\n',
      3,
      'text follows the quote that should close it',
      '2,"open',
    ],
    [
      'text-after-quote.csv',
      'a,b\n1,"abc"def\n2,x\n',
      2,
      'text follows the quote that should close it',
      '1,"abc"def',
    ],
  ])('%s', async (name, content, line, detail, text) => {
    const before = await h.datasetSlugs();
    const done = await h.importFile(await h.fixture(name, content));
    const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expectRefused(
      done,
      'DATASET_PARSE',
      new RegExp(
        `^Cannot read ${escaped(name)} as CSV: line ${line} has an unclosed quote(, |: )${escaped(detail)} \\(the line reads ${escaped(text)}\\)\\.$`,
      ),
      before,
    );
    expect(done.error?.hint).toMatch(/--quote ""/);
    const preview = h.datasets.preview({
      source: { path: join(h.dir, name), label: name, temporary: false },
    });
    await expect(preview).rejects.toMatchObject({ code: 'DATASET_PARSE' });
  });

  it('still imports quote characters inside unquoted values (12" pizza), and a file given no quote', async () => {
    const inches = await h.fixture('inches.csv', 'size,item\n12",pizza\n14 " wide,pizza\n');
    const done = await h.importFile(inches);
    expect(done.status).toBe('succeeded');
    // The advice works: with no quote character, a broken quote is plain text.
    const broken = await h.fixture('broken-but-text.csv', 'a,b\n1,"x\n2,y\n');
    expect((await h.importFile(broken, { quote: '' })).status).toBe('succeeded');
  });
});

// Kept apart so an unwritable fixture path shows up as its own failure.
it('keeps fixtures writable', async () => {
  await writeFile(join(h.dir, 'probe.txt'), 'ok');
});
