import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  constraintsSchema,
  driftSettingsSchema,
  suggestConstraintsRequestSchema,
  type Constraints,
  type DriftReport,
} from '../../../../shared/contract/drift.js';
import { createDatasetService, type DatasetService } from '../../datasets/index.js';
import { createDataEngine, type DataEngine } from '../../duckdb/index.js';
import { createJobService, type JobService } from '../../jobs/index.js';
import { openWorkspace, type Workspace } from '../../workspace/index.js';
import { createDriftService, type DriftService } from '../driftService.js';
import { checkConstraints, suggestConstraints, suggestedCompleteness, type CheckOptions } from './index.js';

let dir: string;
let workspace: Workspace;
let jobs: JobService;
let engine: DataEngine;
let datasets: DatasetService;
let drift: DriftService;
let irisCsv: string;
/** The iris rows as Python wrote them, to check the suggestion against. */
let iris: Record<string, string>[];

const MEASURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;

/**
 * sklearn's iris with two columns added: `site` (north 63, south 45, east 27 rows, every tenth row
 * empty) and `sample_id` (unique, s001..s150).
 */
const IRIS_SCRIPT = `
import sys
from sklearn.datasets import load_iris
data = load_iris()
rows = ['sepal_length,sepal_width,petal_length,petal_width,species,site,sample_id']
for i, (measures, target) in enumerate(zip(data.data, data.target)):
    site = '' if i % 10 == 0 else ('north' if i < 70 else 'south' if i < 120 else 'east')
    rows.append(','.join([*(repr(float(m)) for m in measures), data.target_names[target], site, 's%03d' % (i + 1)]))
open(sys.argv[1], 'w').write('\\n'.join(rows) + '\\n')
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-constraints-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  jobs = createJobService();
  engine = await createDataEngine();
  datasets = createDatasetService({ workspace, jobs, duckdb: engine.service });
  drift = createDriftService({
    workspace,
    jobs,
    duckdb: engine.service,
    datasets,
    workbenchVersion: '0.0.0-test',
    now: () => new Date('2026-12-07T12:00:00Z'),
  });
  irisCsv = join(dir, 'iris.csv');
  await promisify(execFile)('/usr/bin/python3', ['-c', IRIS_SCRIPT, irisCsv]);
  const [header = '', ...lines] = (await readFile(irisCsv, 'utf8')).trim().split('\n');
  iris = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.split(',').map((name, i) => [name, cells[i] ?? '']));
  });
  const job = await jobs.wait(
    datasets.importFile({ source: { path: irisCsv, label: irisCsv, temporary: false } }).id,
  );
  expect(job.status).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await jobs.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const suggestIris = () =>
  drift.suggestConstraints(
    suggestConstraintsRequestSchema.parse({ baseline: { kind: 'dataset', slug: 'iris' } }),
  );

/** Checks a file against constraints the way a drift report does: its columns, one scan. */
async function check(path: string, constraints: Constraints, options: CheckOptions = {}) {
  const relation = await datasets.relationOf(path);
  return engine.service.withConnection(async (session) => {
    const described = await session.rows(`DESCRIBE SELECT * FROM ${relation.relationSql}`);
    const columns = described.map((row) => ({
      name: String(row.column_name),
      type: String(row.column_type),
    }));
    return checkConstraints(session, relation.relationSql, columns, constraints, options);
  });
}

describe('constraints suggested from a baseline, checked on current data (real DuckDB)', () => {
  it('suggests types, ranges, completeness and categories from sklearn iris as SageMaker does', async () => {
    const constraints = await suggestIris();
    const numbers = (name: string) => iris.map((row) => Number(row[name]));
    expect(constraints.suggestedFrom).toMatchObject({ label: 'data set iris', rows: 150 });
    expect(constraints.suggestedFrom?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(constraints.allowExtraColumns).toBe(false);
    expect(constraints.tolerance).toEqual({ type: 0, categories: 0 });
    expect(constraints.columns.map((c) => c.column)).toEqual([...MEASURES, 'species', 'site', 'sample_id']);
    for (const name of MEASURES)
      expect(constraints.columns.find((c) => c.column === name)).toEqual({
        column: name,
        type: 'fractional',
        completeness: 1,
        range: { min: Math.min(...numbers(name)), max: Math.max(...numbers(name)) },
        categories: null,
      });
    expect(constraints.columns.find((c) => c.column === 'sepal_length')?.range).toEqual({
      min: 4.3,
      max: 7.9,
    });
    expect(constraints.columns.find((c) => c.column === 'species')).toEqual({
      column: 'species',
      type: 'string',
      completeness: 1,
      range: null,
      categories: ['setosa', 'versicolor', 'virginica'],
    });
    // 135 of 150 present: 0.9 - 1.96 * sqrt(0.9 * 0.1 / 150) = 0.852, rounded down.
    expect(constraints.columns.find((c) => c.column === 'site')).toEqual({
      column: 'site',
      type: 'string',
      completeness: 0.85,
      range: null,
      categories: ['north', 'south', 'east'],
    });
    // Every id occurs once: no category list, whatever the limit (Deequ's unique-value ratio).
    expect(constraints.columns.find((c) => c.column === 'sample_id')?.categories).toBeNull();
    const roomy = await drift.suggestConstraints(
      suggestConstraintsRequestSchema.parse({
        baseline: { kind: 'dataset', slug: 'iris' },
        maxCategories: 500,
      }),
    );
    expect(roomy.columns.find((c) => c.column === 'sample_id')?.categories).toBeNull();
    expect(roomy.columns.find((c) => c.column === 'species')?.categories).toHaveLength(3);
    const tight = await drift.suggestConstraints(
      suggestConstraintsRequestSchema.parse({
        baseline: { kind: 'dataset', slug: 'iris' },
        maxCategories: 2,
      }),
    );
    expect(tight.columns.find((c) => c.column === 'species')?.categories).toBeNull();
  });

  it('finds no violations on the baseline itself, checked in a drift report', async () => {
    const job = await jobs.wait(
      drift.run({
        baseline: { kind: 'dataset', slug: 'iris' },
        current: { kind: 'file', path: irisCsv },
        settings: driftSettingsSchema.parse({}),
        constraints: true,
        id: 'iris-unchanged',
      }).id,
    );
    expect(job.error).toBeUndefined();
    const report = job.result as DriftReport;
    expect(report.constraints?.source).toBe('suggested');
    expect(report.constraints?.violations).toEqual([]);
    expect(report.constraints?.constraints.columns).toHaveLength(7);
  });

  it('checks captured requests by the positions the drift comparison matched, the capture time no extra column', async () => {
    const baseline = await fixture('served-base.csv', [
      'f1,f2,label',
      ...Array.from({ length: 100 }, (_, i) => `${i / 100},${5 + i / 100},${i % 2}`),
    ]);
    const folder = workspace.resolve('captures', 'served');
    await mkdir(folder, { recursive: true });
    const requests = Array.from({ length: 51 }, (_, i) =>
      JSON.stringify({
        ts: new Date(Date.UTC(2026, 11, 7, 9, 0, i)).toISOString(),
        requestId: `r${i}`,
        model: 'served',
        version: 1,
        route: '/predict',
        inputs: { input: [i === 50 ? 3 : i / 100, 5 + i / 100] },
        outputs: { label: [1] },
      }),
    );
    await writeFile(join(folder, '2026-12-07.jsonl'), `${requests.join('\n')}\n`);
    const job = await jobs.wait(
      drift.run({
        baseline: { kind: 'file', path: baseline },
        current: { kind: 'captures', deployment: 'served' },
        settings: driftSettingsSchema.parse({ label: 'label' }),
        constraints: true,
      }).id,
    );
    expect(job.error).toBeUndefined();
    const report = job.result as DriftReport;
    expect(report.constraints?.constraints.columns.map((c) => c.column)).toEqual(['f1', 'f2']);
    expect(report.constraints?.violations).toEqual([
      {
        column: 'f1',
        check: 'out-of-range',
        message:
          'f1 (input[0] in the current data) has 1 of 51 values outside the range 0 to 0.99 (the current data holds 0 to 3).',
        rows: 1,
      },
    ]);
  });

  it('reports each kind of violation of edited constraints, naming the column, what was expected and seen, and how many rows', async () => {
    const suggested = await suggestIris();
    // Edited as a person would edit the file: SageMaker's is_non_negative for petal_length, a
    // looser completeness for site.
    const edited = constraintsSchema.parse(
      JSON.parse(
        JSON.stringify({
          ...suggested,
          columns: suggested.columns.map((column) =>
            column.column === 'petal_length'
              ? { ...column, range: { min: 0, max: null } }
              : column.column === 'site'
                ? { ...column, completeness: 0.5 }
                : column,
          ),
        }),
      ),
    );
    const rows = ['sepal_length,sepal_width,petal_length,species,site,sample_id,color'];
    for (let i = 0; i < 20; i++) {
      const sepalLength = i === 0 ? '9.5' : i === 1 ? '3.1' : '5.0';
      const sepalWidth = i < 2 ? 'n/a' : i === 2 ? 'unknown' : '3.2';
      const petalLength = i < 4 ? '' : i === 4 ? '-1' : '4.5';
      const species = i < 3 ? 'setosa-x' : i === 3 ? 'iris-new' : 'virginica';
      rows.push([sepalLength, sepalWidth, petalLength, species, 'north', `s${i}`, 'red'].join(','));
    }
    const violations = await check(await fixture('broken.csv', rows), edited);
    expect(violations).toEqual([
      {
        column: 'sepal_length',
        check: 'out-of-range',
        message:
          'sepal_length has 2 of 20 values outside the range 4.3 to 7.9 (the current data holds 3.1 to 9.5).',
        rows: 2,
      },
      {
        column: 'sepal_width',
        check: 'type',
        message:
          "sepal_width holds text in the current data (VARCHAR) but was fractional in the baseline: 3 of 20 values do not read as numbers (e.g. 'n/a', 'unknown').",
        rows: 3,
      },
      {
        column: 'petal_length',
        check: 'completeness',
        message:
          'petal_length is 80% complete in the current data (4 of 20 rows missing) but at least 100% is required.',
        rows: 4,
      },
      {
        column: 'petal_length',
        check: 'out-of-range',
        message: 'petal_length has 1 of 16 values below 0 (the current data holds -1 to 4.5).',
        rows: 1,
      },
      {
        column: 'petal_width',
        check: 'missing-column',
        message: 'petal_width is in the constraints but not in the current data.',
        rows: null,
      },
      {
        column: 'species',
        check: 'unknown-category',
        message:
          "species holds 2 categories the baseline did not have, in 4 of 20 rows (20%): 'setosa-x', 'iris-new'.",
        rows: 4,
      },
      {
        column: 'color',
        check: 'extra-column',
        message: 'color is in the current data but not in the constraints (extra columns are not allowed).',
        rows: null,
      },
    ]);

    const allowing = await check(
      join(dir, 'broken.csv'),
      { ...edited, allowExtraColumns: true },
      {
        mapping: { petal_width: 'pw' },
        ignore: ['sepal_length', 'sepal_width', 'species'],
      },
    );
    expect(allowing.map((v) => [v.check, v.message])).toEqual([
      [
        'completeness',
        'petal_length is 80% complete in the current data (4 of 20 rows missing) but at least 100% is required.',
      ],
      ['out-of-range', 'petal_length has 1 of 16 values below 0 (the current data holds -1 to 4.5).'],
      ['missing-column', 'petal_width is mapped to pw, which the current data does not have.'],
    ]);
    // SageMaker's tolerances: 3 wrong values of 20 (15 %) pass at 0.2; 4 unknown rows (20 %) do not pass at 0.1.
    const tolerant = await check(join(dir, 'broken.csv'), {
      ...edited,
      tolerance: { type: 0.2, categories: 0.1 },
    });
    expect(tolerant.map((v) => v.check)).not.toContain('type');
    expect(tolerant.find((v) => v.check === 'unknown-category')?.message).toBe(
      "species holds 2 categories the baseline did not have, in 4 of 20 rows (20%): 'setosa-x', 'iris-new'; at most 10% may be.",
    );
  });

  it('keeps the ends of a range exact, however many digits they have, so the baseline meets its own range', async () => {
    // As SQL literals DuckDB reads the min one bit up and the max one bit down; the check must not.
    const path = await fixture('digits.csv', ['v', '0.18720470194806782', '0.5', '0.9483018500623661']);
    const relation = await datasets.relationOf(path);
    const constraints = await engine.service.withConnection((session) =>
      suggestConstraints(session, relation.relationSql),
    );
    expect(constraints.columns[0]?.range).toEqual({ min: 0.18720470194806782, max: 0.9483018500623661 });
    expect(await check(path, constraints)).toEqual([]);
  });

  it('reads text holding numbers as numbers, as SageMaker infers from CSV, and checks whole numbers', async () => {
    const baseline = await fixture('ages.ndjson', [
      '{"age": "31", "score": "0.5", "plan": "basic"}',
      '{"age": "45", "score": "1.25", "plan": "basic"}',
      '{"age": "28", "score": null, "plan": "pro"}',
      '{"age": "60", "score": "2", "plan": "pro"}',
    ]);
    const relation = await datasets.relationOf(baseline);
    const constraints = await engine.service.withConnection((session) =>
      suggestConstraints(session, relation.relationSql),
    );
    expect(constraints.columns).toEqual([
      { column: 'age', type: 'integral', completeness: 1, range: { min: 28, max: 60 }, categories: null },
      {
        column: 'score',
        type: 'fractional',
        completeness: 0.32,
        range: { min: 0.5, max: 2 },
        categories: null,
      },
      { column: 'plan', type: 'string', completeness: 1, range: null, categories: ['basic', 'pro'] },
    ]);
    expect(suggestedCompleteness(0.75, 4)).toBe(0.32);

    const texts = await fixture('ages-now.ndjson', [
      '{"age": "n/a", "score": "1", "plan": "basic"}',
      '{"age": "n/a", "score": "1", "plan": "basic"}',
      '{"age": "31.5", "score": "1", "plan": "basic"}',
      '{"age": "40", "score": "1", "plan": "pro"}',
    ]);
    expect(await check(texts, constraints)).toEqual([
      {
        column: 'age',
        check: 'type',
        message:
          "age holds text in the current data (VARCHAR) but was integral in the baseline: 3 of 4 values do not read as whole numbers (e.g. 'n/a', '31.5').",
        rows: 3,
      },
    ]);
    const doubles = await fixture('ages-doubles.ndjson', [
      '{"age": 40.5, "score": 1, "plan": "basic"}',
      '{"age": 41, "score": 1, "plan": "basic"}',
      '{"age": 42, "score": 1, "plan": "basic"}',
      '{"age": 43, "score": 1, "plan": "pro"}',
    ]);
    expect(await check(doubles, constraints)).toEqual([
      {
        column: 'age',
        check: 'type',
        message:
          'age holds numbers in the current data (DOUBLE) but was integral in the baseline: 1 of 4 values does not read as a whole number (e.g. 40.5).',
        rows: 1,
      },
    ]);
  });
});
