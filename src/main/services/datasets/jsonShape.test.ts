import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertJsonShape } from './jsonShape.js';
import { createImportHarness, type ImportHarness } from './testing/importHarness.js';

let h: ImportHarness;
beforeAll(async () => {
  h = await createImportHarness();
});
afterAll(async () => {
  await h.close();
});

const nested = (levels: number): string => `[{"a":${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}}]`;

describe('the JSON pre-scan: nesting', () => {
  const cases: [string, string, number | undefined][] = [
    ['flat records', '[{"a": 1}, {"a": 2}]', undefined],
    ['exactly the limit', `[{"a":${'['.repeat(3)}${']'.repeat(3)}}]`, undefined],
    ['one past the limit', `[{"a":${'['.repeat(4)}${']'.repeat(4)}}]`, 1],
    ['brackets inside strings', `[{"a": "${'['.repeat(50)}"}]`, undefined],
    ['an escaped quote before brackets in a string', `[{"a": "x\\"${'{'.repeat(50)}"}]`, undefined],
    ['an escaped backslash ending a string', `[{"a": "x\\\\", "b": ${'['.repeat(6)}${']'.repeat(6)}}]`, 1],
    [
      'NDJSON with the deep record on line 3',
      `{"a":1}\n{"a":2}\n{"a":${'['.repeat(9)}1${']'.repeat(9)}}\n`,
      3,
    ],
  ];
  it.each(cases)('%s', async (name, content, line) => {
    const path = await h.fixture(`${name.replaceAll(' ', '-')}.json`, content);
    const scan = assertJsonShape(path, 'data.json', 'json', undefined, 5);
    if (line === undefined) await expect(scan).resolves.toBeUndefined();
    else
      await expect(scan).rejects.toMatchObject({
        code: 'DATASET_PARSE',
        message: `Cannot import data.json: its values nest more than 5 levels deep (at line ${line}).`,
      });
  });

  it('refuses the 100,000-level (200 KB) file before DuckDB reads it, naming the file, the depth and the line', async () => {
    const path = await h.fixture('deep.json', nested(100_000));
    const job = await h.importFile(path);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'DATASET_PARSE',
      message: 'Cannot import deep.json: its values nest more than 1,000 levels deep (at line 1).',
      hint: expect.stringContaining('Flatten the deepest values') as unknown,
    });
  });

  it('still imports nested JSON within the limit', async () => {
    const path = join(h.dir, 'nested.json');
    await writeFile(path, `[{"id": 1, "meta": {"a": {"b": "x"}}}, {"id": 2, "meta": {"a": {"b": "y"}}}]`);
    const job = await h.importFile(path);
    expect(job.error).toBeUndefined();
    expect(job.status).toBe('succeeded');
  });
});

describe('the JSON pre-scan: every record is an object', () => {
  const cases: [string, 'json' | 'ndjson', string, string | undefined][] = [
    ['an array of objects', 'json', '\ufeff[{"a": 1}, {"a": [1, "x"]}]', undefined],
    ['concatenated objects', 'json', '{"a": 1}\n{"a": 2} {"a": 3}', undefined],
    ['NDJSON objects with blank lines', 'ndjson', '{"a": 1}\n\n{"a": "[2, 3]"}\n', undefined],
    ['an empty array', 'json', '[ ]', undefined],
    [
      'a number in the array',
      'json',
      '[{"a": 1},\n 2, {"a": 3}]',
      'record 2 of the array (line 2) is a number',
    ],
    ['null in the array', 'json', '[{"a": 1}, null]', 'record 2 of the array (line 1) is null'],
    ['an array in the array', 'json', '[{"a": 1}, [{"a": 2}]]', 'record 2 of the array (line 1) is an array'],
    ['a string at the top', 'json', '"just text"', 'record 1 (line 1) is a string'],
    ['two top-level arrays', 'json', '[{"a": 1}]\n[{"a": 2}]', 'record 1 (line 1) is an array'],
    ['an object then an array', 'json', '{"a": 1}\n[1]', 'record 2 (line 2) is an array'],
    ['a string in NDJSON', 'ndjson', '{"a": 1}\n"str"\n', 'the record on line 2 is a string'],
    ['an array in NDJSON', 'ndjson', '[1, 2]\n', 'the record on line 1 is an array'],
    ['true in NDJSON', 'ndjson', '{"a": 1}\n{"a": 2}\ntrue\n', 'the record on line 3 is true or false'],
  ];
  it.each(cases)('%s', async (name, format, content, found) => {
    const path = await h.fixture(`${name.replaceAll(' ', '-')}.${format}`, content);
    const scan = assertJsonShape(path, 'data.json', format);
    if (found === undefined) await expect(scan).resolves.toBeUndefined();
    else
      await expect(scan).rejects.toMatchObject({
        code: 'DATASET_PARSE',
        message: `Cannot import data.json: it is JSON, but ${found}, not an object with named fields.`,
      });
  });
});
