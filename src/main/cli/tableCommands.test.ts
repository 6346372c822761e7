import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableRowsSchema } from '../../shared/contract/tables.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

// A data set folder written directly, so this test needs only the table queries, not an import.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-head-'));
  workspace = join(dir, 'ws');
  const folder = join(workspace, 'datasets', 'demo');
  await mkdir(folder, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(
    `COPY (SELECT i AS id, CASE WHEN i = 2 THEN NULL ELSE 'row ' || i END AS label FROM range(50) t(i))
     TO '${join(folder, 'data.parquet')}' (FORMAT parquet)`,
  );
  connection.closeSync();
  db.closeSync();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw data head', () => {
  it('prints the first rows as a table with NULL shown and the total', async () => {
    const { code, stdout } = await mlw('data', 'head', 'demo', '--limit', '3');
    expect(code).toBe(0);
    expect(stdout).toContain('row 1');
    expect(stdout).toContain('NULL');
    expect(stdout).toContain('rows 1-3 of 50');
  });

  it('prints the contract page with --json', async () => {
    const { code, stdout } = await mlw('data', 'head', 'demo', '--limit', '5', '--json');
    expect(code).toBe(0);
    const page = tableRowsSchema.parse(JSON.parse(stdout));
    expect(page.rows.map((row) => row[0])).toEqual([0, 1, 2, 3, 4]);
    expect(page.total).toBe(50);
  });

  it('refuses a bad --limit and an unknown data set with a clear message', async () => {
    const bad = await mlw('data', 'head', 'demo', '--limit', '0');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--limit must be a whole number from 1 to 1000');
    const missing = await mlw('data', 'head', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('There is no data set "nope"');
  });
});
