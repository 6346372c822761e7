import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPreviewSchema } from '../../shared/contract/datasets.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-import-'));
  workspace = join(dir, 'ws');
  await writeFile(join(dir, 'codes.txt'), 'note: exported\nzip|city\n01234|Ann Arbor\n02139|Cambridge\n');
  await writeFile(join(dir, 'events.jsonl'), '{"kind":"click","ms":12}\n{"kind":"view","ms":40}\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw data import / preview with options', () => {
  it('data preview --json prints the detected settings and the first rows', async () => {
    const { code, stdout } = await mlw('data', 'preview', join(dir, 'events.jsonl'), '--json');
    expect(code).toBe(0);
    const preview = datasetPreviewSchema.parse(JSON.parse(stdout));
    expect(preview.format).toBe('ndjson');
    expect(preview.rows).toEqual([
      ['click', '12'],
      ['view', '40'],
    ]);
  });

  it('data preview shows a readable table with the settings used', async () => {
    const { code, stdout } = await mlw(
      'data',
      'preview',
      join(dir, 'codes.txt'),
      '--delimiter',
      '|',
      '--skip',
      '1',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('codes.txt read as csv: delimiter "|"');
    expect(stdout).toMatch(/zip \(VARCHAR\)\s+city \(VARCHAR\)/);
  });

  it('data import applies --delimiter, --skip, --type and --format, and records them', async () => {
    const { code, stdout, stderr } = await mlw(
      'data',
      'import',
      join(dir, 'codes.txt'),
      '--delimiter',
      '|',
      '--skip',
      '1',
      '--type',
      'zip=INTEGER',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      manifest: {
        schemaVersion: 2,
        format: 'csv',
        csv: { delimiter: '|', skipRows: 1, columnTypes: { zip: 'INTEGER' } },
        columns: [
          { name: 'zip', type: 'INTEGER' },
          { name: 'city', type: 'VARCHAR' },
        ],
      },
    });
  });

  it('rejects a bad option value as a usage error naming the flag', async () => {
    const bad = await mlw('data', 'import', join(dir, 'codes.txt'), '--encoding', 'shift_jis');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid import option encoding/);
    const type = await mlw('data', 'import', join(dir, 'codes.txt'), '--type', 'zip');
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--type zip: write it as column=TYPE');
    const size = await mlw('data', 'import', join(dir, 'codes.txt'), '--max-line-size', '1MB');
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('--max-line-size needs a whole number, not "1MB"');
    const huge = await mlw('data', 'import', join(dir, 'codes.txt'), '--max-line-size', '5000000000');
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/Invalid import option maxLineSize/);
  });

  it('--max-line-size reads a line longer than the default, and names the flag when a line is longer still', async () => {
    const path = join(dir, 'long-line.csv');
    await writeFile(path, `a,b\n1,${'x'.repeat(2_500_000)}\n2,y\n`);
    const refused = await mlw('data', 'import', path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'mlw: Cannot read long-line.csv: line 2 is 2,500,002 bytes long, over the max line size of 2,000,000 bytes.',
    );
    expect(refused.stderr).toContain('--max-line-size 2500004');
    const { code, stdout } = await mlw('data', 'import', path, '--max-line-size', '2500004', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ manifest: { rows: 2, csv: { maxLineSize: 2_500_004 } } });
  });

  it('--ragged pad keeps short rows with NULLs and records the choice; --ragged fail names the line', async () => {
    const path = join(dir, 'ragged.csv');
    await writeFile(path, 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const padded = await mlw('data', 'import', path, '--ragged', 'pad', '--json');
    expect(padded.code).toBe(0);
    expect(JSON.parse(padded.stdout)).toMatchObject({
      manifest: { rows: 3, csv: { raggedRows: 'pad' } },
      profile: { lint: [{ type: 'ragged_rows', count: 2, examples: ['line 3: 4,5', 'line 4: 6,7,8,9'] }] },
    });
    const failed = await mlw('data', 'import', path, '--ragged', 'fail');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'mlw: Cannot read ragged.csv as CSV: line 3 has 2 fields where the header has 3 (the line reads 4,5).',
    );
    const bad = await mlw('data', 'import', path, '--ragged', 'drop');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid import option raggedRows/);
  });
});
