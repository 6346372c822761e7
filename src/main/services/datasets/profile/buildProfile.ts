import type { ColumnKind, Profile } from '../../../../shared/contract/profile.js';
import type { DuckDb, RunOptions } from '../../duckdb/index.js';
import { columnAlerts, correlationAlerts, duplicateAlert } from './alerts.js';
import { assembleColumn, correlationMatrix } from './assemble.js';
import { columnKind, planColumns, type PlannedColumn } from './columnPlan.js';
import { countNumberLike, cramersV, runSamplePass } from './correlationPass.js';
import { countDuplicateRows } from './duplicates.js';
import { binsFor, runGroupedPass, type GroupedRequest } from './groupedPass.js';
import { columnLint, isMixed, newlineFinding, raggedRowsFinding, type RaggedRowsSummary } from './lint.js';
import { inParallel } from './parallelPasses.js';
import { passProgress } from './progress.js';
import { runQuantilePass } from './quantilePass.js';
import { runScalarPass, type ScalarPassResult, type ScalarStats } from './scalarPass.js';
import { toCount } from './sqlValues.js';

/** A correlation matrix holds at most this many columns; the rest are listed as omitted. */
export const MAX_CORRELATION_COLUMNS = 30;
/** A counted column with more distinct values than this gets its top values from a scan of its own. */
const CROWDED_DISTINCT = 100_000;
/** Cramér's V only for categoricals with at most this many categories (bounded contingency tables). */
const CRAMER_MAX_DISTINCT = 100;

const PASSES = [
  'scalar statistics + Pearson',
  'histograms, top values, missingness, contingency',
  'exact quantiles',
  'sample: Spearman ranks, mixed-type screening',
  'duplicate rows',
] as const;

export interface ProfileInput {
  sourceSizeBytes?: number | null;
  parquetSizeBytes?: number | null;
  /** Rows the CSV reader left out for having too many or too few fields. */
  raggedRows?: RaggedRowsSummary;
}

/**
 * The connections a profile runs on: independent passes overlap on connections of their own. The
 * engine's version is read once the passes ran, when its worker has said which it is.
 */
export type DuckDbConnections = Pick<DuckDb, 'withConnection' | 'version'>;

/**
 * An exact profile of any relation DuckDB can scan, best a Parquet file. Few passes: one wide
 * aggregate for every scalar statistic and Pearson pair, then one GROUPING SETS scan for
 * histograms, top values, missingness patterns and contingency tables; beside them, on a second
 * connection, exact quantiles (batched for memory) and one sample for Spearman. Duplicates only
 * when no column is unique.
 */
export async function profileRelation(
  db: DuckDbConnections,
  relation: string,
  input: ProfileInput = {},
  options: RunOptions = {},
): Promise<Profile> {
  const started = performance.now();
  const passes: Profile['passes'] = [];
  const progress = passProgress(options, PASSES);
  const timed = async <T>(
    name: (typeof PASSES)[number],
    work: (opts: RunOptions) => Promise<T>,
  ): Promise<T> => {
    const begun = performance.now();
    const result = await work(progress.of(name));
    passes.push({ name, ms: Math.round(performance.now() - begun) });
    progress.done(name);
    return result;
  };

  return db.withConnection(async (session) => {
    const described = await session.rows(`DESCRIBE SELECT * FROM ${relation}`, options);
    const planned = planColumns(
      described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    );
    const numeric = planned.filter((c) => c.storage === 'numeric');
    const correlated = numeric.slice(0, MAX_CORRELATION_COLUMNS);
    const texts = planned.filter((c) => c.storage === 'text');
    // Parquet answers this from its footer; the quantile and sample passes size themselves by it.
    const [counted] = await session.rows(`SELECT count(*) AS n FROM ${relation}`, options);
    const rowCount = toCount(counted?.n);

    const [first, second] = await inParallel(options.signal, [
      async (signal) => {
        const scalar = await timed('scalar statistics + Pearson', (o) =>
          runScalarPass(session, relation, planned, correlated, { ...o, signal }),
        );
        const facts = columnFacts(planned, scalar);
        const grouped = await timed('histograms, top values, missingness, contingency', (o) =>
          runGroupedPass(session, relation, groupedRequest(planned, facts, scalar.rows), { ...o, signal }),
        );
        return { scalar, facts, grouped };
      },
      (signal) =>
        db.withConnection(async (side) => {
          const quantiles = await timed('exact quantiles', (o) =>
            runQuantilePass(side, relation, numeric, rowCount, { ...o, signal }),
          );
          const sample = await timed('sample: Spearman ranks, mixed-type screening', (o) =>
            runSamplePass(side, relation, correlated, texts, rowCount, { ...o, signal }),
          );
          return { quantiles, sample };
        }),
    ]);
    const { scalar, facts, grouped } = first;
    const { quantiles, sample } = second;
    const { rows } = scalar;
    const { stats, kinds, present } = facts;
    const hasUnique = planned.some((c, i) => rows > 0 && stats[i]?.distinct === rows);
    const duplicates = await timed('duplicate rows', (o) =>
      countDuplicateRows(session, relation, hasUnique, o),
    );

    const numberLike = new Map<number, number>();
    for (const column of texts) {
      const screened = sample.numberLike.get(column.index);
      if (screened && screened.numbers > 0)
        numberLike.set(
          column.index,
          isMixed(screened.numbers, screened.values)
            ? await countNumberLike(session, relation, column, options)
            : screened.numbers === screened.values
              ? present(column.index) - (stats[column.index]?.emptyStrings ?? 0)
              : 0,
        );
    }
    const columns = planned.map((column, i) =>
      assembleColumn(column, kinds[i] ?? 'other', stats[i], rows, quantiles, grouped, numberLike.get(i) ?? 0),
    );
    const crossed = planned.filter((c) =>
      [...grouped.tables.keys()].some((k) => k.split(',').includes(String(c.index))),
    );
    const cramers = new Map([...grouped.tables].map(([key, cells]) => [key, cramersV(cells)]));
    const correlations = {
      pearson: correlationMatrix(correlated, scalar.pearson),
      spearman: correlationMatrix(correlated, sample.spearman),
      spearmanRows: correlated.length > 1 ? sample.rows : 0,
      cramersV: correlationMatrix(crossed, cramers),
      omitted: numeric.slice(MAX_CORRELATION_COLUMNS).map((c) => c.name),
      maxColumns: MAX_CORRELATION_COLUMNS,
    };
    const lint = columns.flatMap((c) => columnLint(c, rows));
    for (const column of planned) {
      const count = stats[column.index]?.withNewlines ?? 0;
      if (count > 0) lint.push(await newlineFinding(session, relation, column, count, options));
    }
    if (input.raggedRows) lint.push(...raggedRowsFinding(input.raggedRows));
    const missingCells = columns.reduce((sum, c) => sum + c.missing, 0);
    const cells = rows * columns.length;
    const kindCounts: Record<ColumnKind, number> = {
      numeric: 0,
      categorical: 0,
      text: 0,
      datetime: 0,
      boolean: 0,
      other: 0,
    };
    for (const kind of kinds) kindCounts[kind] += 1;
    return {
      schemaVersion: 2,
      mode: 'exact',
      sampleRows: null,
      rows,
      columnCount: columns.length,
      overview: {
        missingCells,
        missingCellsPercent: cells === 0 ? 0 : (missingCells / cells) * 100,
        duplicateRows: duplicates,
        duplicateRowsPercent: rows === 0 ? 0 : (duplicates / rows) * 100,
        kinds: kindCounts,
        sourceSizeBytes: input.sourceSizeBytes ?? null,
        parquetSizeBytes: input.parquetSizeBytes ?? null,
      },
      columns,
      correlations,
      missingPatterns: grouped.patterns,
      alerts: [
        ...duplicateAlert(duplicates, rows),
        ...columns.flatMap((c) => columnAlerts(c, rows)),
        ...correlationAlerts(correlations.pearson, 'Pearson'),
        ...correlationAlerts(correlations.cramersV, "Cramér's V"),
      ],
      lint,
      passes,
      engine: db.version,
      elapsedMs: Math.round(performance.now() - started),
      createdAt: new Date().toISOString(),
    };
  });
}

/** Each column's scalar statistics and the kind they make it, worked out once for every pass after the scalar one. */
interface ColumnFacts {
  stats: (ScalarStats | undefined)[];
  kinds: ColumnKind[];
  present: (index: number) => number;
}

function columnFacts(planned: PlannedColumn[], scalar: ScalarPassResult): ColumnFacts {
  const stats = planned.map((c) => scalar.columns[c.index]);
  const kinds = planned.map((c, i) => columnKind(c.storage, stats[i]?.distinct ?? 0, stats[i]?.count ?? 0));
  return { stats, kinds, present: (i) => stats[i]?.count ?? 0 };
}

/** What the grouped pass counts, decided by each column's kind and scalar statistics. */
function groupedRequest(
  planned: PlannedColumn[],
  { stats, kinds, present }: ColumnFacts,
  rows: number,
): GroupedRequest {
  const counted = (i: number): boolean =>
    (kinds[i] === 'categorical' || kinds[i] === 'text') &&
    present(i) > 0 &&
    stats[i]?.distinct !== present(i);
  return {
    binned: planned.flatMap((column, i) => {
      const s = stats[i];
      if (!s || s.min === null || s.max === null) return [];
      if (column.storage !== 'numeric' && column.storage !== 'datetime') return [];
      return [binsFor(column, s.min, s.max, s.distinct)];
    }),
    counted: planned.filter((c, i) => counted(i)),
    crowded: planned.filter((c, i) => counted(i) && (stats[i]?.distinct ?? 0) > CROWDED_DISTINCT),
    withMissing: planned.filter((c, i) => present(i) < rows),
    crossed: planned
      .filter(
        (c, i) =>
          kinds[i] === 'categorical' &&
          (stats[i]?.distinct ?? 0) > 1 &&
          (stats[i]?.distinct ?? 0) <= CRAMER_MAX_DISTINCT,
      )
      .slice(0, MAX_CORRELATION_COLUMNS),
  };
}
