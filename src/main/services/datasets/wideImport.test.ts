import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CORRELATION_COLUMNS } from './profile/buildProfile.js';
import { createImportHarness, type ImportHarness } from './testing/importHarness.js';

let h: ImportHarness;

beforeAll(async () => {
  h = await createImportHarness();
});

afterAll(async () => {
  await h.close();
});

/** A header c0..c{columns-1} and rows of small pseudo-random integers (seeded, so a run repeats). */
function wideCsv(columns: number, rows: number): string {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % 100;
  };
  const lines = [Array.from({ length: columns }, (_, i) => `c${i}`).join(',')];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, next).join(','));
  return `${lines.join('\n')}\n`;
}

describe('wide data sets', () => {
  it('imports and profiles 10,000 columns x 50 rows, with correlations limited and said so', async () => {
    const path = await h.fixture('wide.csv', wideCsv(10_000, 50));
    const started = performance.now();
    const done = await h.importFile(path);
    console.log(`10,000 x 50 import + profile: ${Math.round(performance.now() - started)} ms`);
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('succeeded');
    const { profile } = await h.datasets.get('wide');
    console.log(`passes: ${profile.passes.map((p) => `${p.name} ${p.ms} ms`).join('; ')}`);
    expect(profile.rows).toBe(50);
    expect(profile.columnCount).toBe(10_000);
    expect(profile.columns[9_999]).toMatchObject({ name: 'c9999', kind: 'numeric', missing: 0 });
    expect(profile.columns[9_999]?.mean).not.toBeNull();
    expect(profile.correlations.maxColumns).toBe(MAX_CORRELATION_COLUMNS);
    expect(profile.correlations.pearson.columns).toHaveLength(MAX_CORRELATION_COLUMNS);
    expect(profile.correlations.omitted).toHaveLength(10_000 - MAX_CORRELATION_COLUMNS);
  }, 600_000);
});
