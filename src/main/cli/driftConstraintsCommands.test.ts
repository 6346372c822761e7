import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraintsSchema, driftReportSchema } from '../../shared/contract/drift.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let workspace: string;
let baseline: string;

const mlw = (...argv: string[]) => runMlw(workspace, argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-cli-constraints-'));
  workspace = join(dir, 'ws');
  // x takes 0..99 evenly, grade a/b/c, flag 0/1.
  const lines = ['x,grade,flag'];
  for (let i = 0; i < 1200; i++) lines.push(`${(i * 37) % 100},${'abc'[i % 3] ?? 'a'},${i % 2}`);
  baseline = join(dir, 'baseline.csv');
  await writeFile(baseline, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mlw drift constraints', () => {
  it('suggests constraints into a file that, once edited, mlw drift --constraints checks', async () => {
    const out = join(dir, 'constraints.json');
    const suggest = await mlw('drift', 'constraints', 'suggest', baseline, '--out', out);
    expect(suggest.stderr).toBe('');
    expect(suggest.code).toBe(0);
    expect(suggest.stdout).toContain(`Wrote constraints for 3 columns to ${out}`);
    const suggested = constraintsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(suggested.columns).toEqual([
      { column: 'x', type: 'integral', completeness: 1, range: { min: 0, max: 99 }, categories: null },
      { column: 'grade', type: 'string', completeness: 1, range: null, categories: ['a', 'b', 'c'] },
      { column: 'flag', type: 'integral', completeness: 1, range: { min: 0, max: 1 }, categories: null },
    ]);

    const printed = await mlw('drift', 'constraints', 'suggest', baseline);
    expect(constraintsSchema.parse(JSON.parse(printed.stdout)).columns).toEqual(suggested.columns);

    const edited = {
      ...suggested,
      columns: suggested.columns.map((column) =>
        column.column === 'x'
          ? { ...column, range: { min: 0, max: 89 } }
          : column.column === 'grade'
            ? { ...column, categories: ['a', 'b'] }
            : column,
      ),
    };
    await writeFile(out, JSON.stringify(edited, null, 2));
    const checked = await mlw('--json', 'drift', baseline, baseline, '--constraints', out, '--id', 'edited');
    expect(checked.code).toBe(0);
    const report = driftReportSchema.parse(JSON.parse(checked.stdout));
    expect(report.constraints?.source).toBe('edited');
    expect(report.constraints?.violations).toEqual([
      {
        column: 'x',
        check: 'out-of-range',
        message: 'x has 120 of 1,200 values outside the range 0 to 89 (the current data holds 0 to 99).',
        rows: 120,
      },
      {
        column: 'grade',
        check: 'unknown-category',
        message: "grade holds 1 category the baseline did not have, in 400 of 1,200 rows (33.33%): 'c'.",
        rows: 400,
      },
    ]);
    const human = await mlw('drift', 'show', 'edited');
    expect(human.stdout).toContain('Constraints (as given): 2 violations');
    expect(human.stdout).toContain(
      '  out-of-range: x has 120 of 1,200 values outside the range 0 to 89 (the current data holds 0 to 99).',
    );
  });

  it('suggests them from the baseline with --constraints suggest', async () => {
    const { code, stdout } = await mlw('drift', baseline, baseline, '--constraints', 'suggest');
    expect(code).toBe(0);
    expect(stdout).toContain('Constraints (suggested from the baseline): 3 columns, no violations');
  });

  it('says what is wrong with a constraints file that is missing, not JSON or not constraints', async () => {
    const missing = await mlw('drift', baseline, baseline, '--constraints', join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `mlw: The constraints file ${join(dir, 'none.json')} cannot be read: it does not exist.`,
    );
    expect(missing.stderr).toContain('hint: Make one with mlw drift constraints suggest BASELINE --out FILE');

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"schemaVersion": 1,}');
    const notJson = await mlw('drift', baseline, baseline, '--constraints', broken);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`mlw: The constraints file ${broken} is not JSON:`);

    const wrong = join(dir, 'wrong.json');
    await writeFile(
      wrong,
      JSON.stringify({
        schemaVersion: 1,
        allowExtraColumns: false,
        columns: [{ column: 'x', type: 'decimal', completeness: 2, range: null, categories: null }],
      }),
    );
    const invalid = await mlw('drift', baseline, baseline, '--constraints', wrong);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      `mlw: The constraints file ${wrong} does not hold constraints: columns.0.type:`,
    );
    expect(invalid.stderr).toContain('columns.0.completeness:');
  });
});
