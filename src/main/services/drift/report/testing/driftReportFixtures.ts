import type {
  DriftColumn,
  DriftHistogram,
  DriftReport,
  DriftWindow,
} from '../../../../../shared/contract/drift.js';
import { driftSettingsSchema } from '../../../../../shared/contract/drift.js';

/** A numeric column that drifted on a KS test; override what a test is about. */
export function driftColumnFixture(overrides: Partial<DriftColumn> = {}): DriftColumn {
  return {
    column: 'age',
    currentColumn: overrides.column ?? 'age',
    kind: 'numeric',
    kindSource: 'detected',
    test: 'ks',
    testSource: 'default',
    threshold: 0.05,
    statistic: 0.21,
    pValue: 0.0004,
    score: 0.0004,
    drift: true,
    notComputable: null,
    baseline: { rows: 1000, missing: 10, distinct: 60, mean: 41.5, std: 12.1, min: 18, max: 90 },
    current: { rows: 800, missing: 4, distinct: 58, mean: 47.2, std: 11.4, min: 19, max: 88 },
    histogram: {
      kind: 'bins',
      edges: [18, 36, 54, 72, 90],
      baseline: [300, 400, 200, 90],
      current: [150, 300, 250, 96],
    },
    ...overrides,
  };
}

/** A categorical column that did not drift on Jensen-Shannon. */
export function categoricalColumnFixture(overrides: Partial<DriftColumn> = {}): DriftColumn {
  return driftColumnFixture({
    column: 'city',
    currentColumn: overrides.column ?? 'city',
    kind: 'categorical',
    test: 'jensenshannon',
    threshold: 0.1,
    statistic: 0.03,
    pValue: null,
    score: 0.03,
    drift: false,
    baseline: { rows: 1000, missing: 0, distinct: 12, mean: null, std: null, min: null, max: null },
    current: { rows: 800, missing: 0, distinct: 11, mean: null, std: null, min: null, max: null },
    histogram: {
      kind: 'categories',
      categories: ['Lyon', 'Paris', 'Nantes'],
      baseline: [400, 300, 200],
      current: [310, 250, 170],
      other: { baseline: 100, current: 70 },
    },
    ...overrides,
  });
}

/** A small report comparing a data set with a file; its dataset verdict follows its columns. */
export function driftReportFixture(overrides: Partial<DriftReport> = {}): DriftReport {
  const columns = overrides.columns ?? [driftColumnFixture(), categoricalColumnFixture()];
  const compared = columns.filter((column) => column.drift !== null).length;
  const drifted = columns.filter((column) => column.drift === true).length;
  const share = compared === 0 ? null : drifted / compared;
  return {
    schemaVersion: 1,
    id: 'people-vs-march',
    createdAt: '2026-03-02T10:15:00.000Z',
    workbenchVersion: '0.1.0',
    baseline: {
      side: { kind: 'dataset', slug: 'people' },
      label: 'people',
      rows: 1000,
      sha256: 'a'.repeat(64),
      columns: [],
    },
    current: {
      side: { kind: 'file', path: '/data/march.csv' },
      label: '/data/march.csv',
      rows: 800,
      sha256: 'b'.repeat(64),
      columns: [],
    },
    settings: driftSettingsSchema.parse({}),
    columns,
    schemaIssues: [],
    dataset: { compared, drifted, share, threshold: 0.5, drift: share !== null && share >= 0.5 },
    windows: null,
    constraints: null,
    prediction: null,
    durationMs: 1234,
    ...overrides,
  };
}

/** Hourly windows from 2026-03-01 00:00 UTC, with these shares of drifted columns (null: too few rows). */
export function windowsFixture(shares: (number | null)[], threshold = 0.5): DriftWindow[] {
  const hour = 3_600_000;
  const start = Date.parse('2026-03-01T00:00:00.000Z');
  return shares.map((share, i) => ({
    start: new Date(start + i * hour).toISOString(),
    end: new Date(start + (i + 1) * hour).toISOString(),
    rows: share === null ? 3 : 500,
    share,
    drift: share === null ? null : share >= threshold,
    columns: {},
  }));
}

/** Deterministic numbers in 0..1 (a linear congruential generator), so the big report is the same each run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A report as big as the issue's limit names: `columns` columns (every other one categorical with
 * `categories` categories and an `other` bucket, the rest with `bins` bins), and `windows` windows
 * that each score every column.
 */
export function bigDriftReport(size: {
  columns: number;
  bins: number;
  categories: number;
  windows: number;
}): DriftReport {
  const random = numbers(7);
  const counts = (n: number) => Array.from({ length: n }, () => Math.round(random() * 5000));
  const columns = Array.from({ length: size.columns }, (_, i): DriftColumn => {
    const name = `feature_${String(i).padStart(4, '0')}`;
    const drift = random() < 0.3;
    const histogram: DriftHistogram =
      i % 2 === 0
        ? {
            kind: 'bins',
            edges: Array.from({ length: size.bins + 1 }, (_, e) => -12.5 + e * 1.0625 + i),
            baseline: counts(size.bins),
            current: counts(size.bins),
          }
        : {
            kind: 'categories',
            categories: Array.from({ length: size.categories }, (_, c) => `category_${c}`),
            baseline: counts(size.categories),
            current: counts(size.categories),
            other: { baseline: 1234, current: 4321 },
          };
    const statistic = drift ? 0.1 + random() : random() / 10;
    const scored = { statistic, score: statistic, pValue: null, drift, histogram };
    return i % 2 === 0
      ? driftColumnFixture({ column: name, test: 'wasserstein', threshold: 0.1, ...scored })
      : categoricalColumnFixture({ column: name, ...scored });
  });
  const compared = columns.length;
  const drifted = columns.filter((column) => column.drift === true).length;
  const windows = windowsFixture(
    Array.from({ length: size.windows }, (_, w) => Math.min(1, (w / size.windows) * random() * 2)),
  ).map((window) => ({
    ...window,
    columns: Object.fromEntries(
      columns.map((column) => {
        const score = random();
        return [column.column, { score, drift: score > 0.8 }];
      }),
    ),
  }));
  return driftReportFixture({
    columns,
    dataset: { compared, drifted, share: drifted / compared, threshold: 0.5, drift: false },
    windows,
    settings: driftSettingsSchema.parse({ window: 'hour' }),
  });
}
