import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import { COLUMNS_PER_SCAN, inBatches, isFloatType, type PlannedColumn } from './columnPlan.js';
import { toCount, toNumber, toText } from './sqlValues.js';

/** Every statistic one scan can give, for one column. */
export interface ScalarStats {
  count: number;
  distinct: number;
  minText: string | null;
  maxText: string | null;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  skewness: number | null;
  kurtosis: number | null;
  zeros: number;
  negatives: number;
  infinities: number;
  lengthMin: number | null;
  lengthMean: number | null;
  lengthMax: number | null;
  emptyStrings: number;
  withNewlines: number;
  trueCount: number;
  falseCount: number;
}

export interface ScalarPassResult {
  rows: number;
  columns: ScalarStats[];
  /** Pearson correlation per numeric pair, keyed "i,j" with i < j. */
  pearson: Map<string, number | null>;
}

/**
 * Wide aggregates, each over at most COLUMNS_PER_SCAN columns: counts, exact distinct
 * counts, moments, extremes, zeros/negatives/infinities, string lengths and boolean counts; the
 * first also counts the rows and computes every Pearson pair (the pairs are bounded by the
 * correlation limit), so a narrow data set still costs a single scan.
 */
export async function runScalarPass(
  session: DuckDbSession,
  relation: string,
  columns: PlannedColumn[],
  pearsonColumns: PlannedColumn[],
  options: RunOptions,
): Promise<ScalarPassResult> {
  const values: Record<string, unknown> = {};
  for (const [scan, batch] of inBatches(columns, COLUMNS_PER_SCAN).entries()) {
    const select = batch.flatMap(columnAggregates);
    if (scan === 0) {
      select.unshift('count(*) AS "rows"');
      for (const [a, b] of pairs(pearsonColumns))
        select.push(`corr(${a.valueSql ?? 'NULL'}, ${b.valueSql ?? 'NULL'}) AS "r_${a.index}_${b.index}"`);
    }
    const [row] = await session.rows(`SELECT ${select.join(', ')} FROM ${relation}`, options);
    Object.assign(values, row);
  }
  const pearson = new Map<string, number | null>();
  for (const [a, b] of pairs(pearsonColumns))
    pearson.set(`${a.index},${b.index}`, toNumber(values[`r_${a.index}_${b.index}`]));
  return {
    rows: toCount(values.rows),
    columns: columns.map((column) => readColumn(values, column.index)),
    pearson,
  };
}

export function pairs<T>(items: T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

function columnAggregates(column: PlannedColumn): string[] {
  const { sql, index: i, valueSql } = column;
  const list = [
    `count(${sql}) AS "count_${i}"`,
    `count(DISTINCT ${sql}) AS "distinct_${i}"`,
    `min(${sql})::VARCHAR AS "minText_${i}"`,
    `max(${sql})::VARCHAR AS "maxText_${i}"`,
  ];
  if (column.storage === 'numeric' && valueSql) {
    list.push(
      `avg(${valueSql}) AS "mean_${i}"`,
      `stddev_samp(${valueSql}) AS "std_${i}"`,
      `min(${valueSql}) AS "min_${i}"`,
      `max(${valueSql}) AS "max_${i}"`,
      // DuckDB's skewness/kurtosis are the bias-corrected sample estimators pandas uses.
      `skewness(${valueSql}) AS "skewness_${i}"`,
      `kurtosis(${valueSql}) AS "kurtosis_${i}"`,
      `count_if(${sql} = 0) AS "zeros_${i}"`,
      `count_if(${sql} < 0) AS "negatives_${i}"`,
    );
    if (isFloatType(column.type)) list.push(`count_if(isinf(${sql})) AS "infinities_${i}"`);
  }
  if (column.storage === 'datetime' && valueSql)
    list.push(`min(${valueSql}) AS "min_${i}"`, `max(${valueSql}) AS "max_${i}"`);
  if (column.storage === 'text') {
    list.push(
      `min(length(${sql})) AS "lengthMin_${i}"`,
      `avg(length(${sql})) AS "lengthMean_${i}"`,
      `max(length(${sql})) AS "lengthMax_${i}"`,
      `count_if(${sql} = '') AS "emptyStrings_${i}"`,
      `count_if(contains(${sql}, chr(10)) OR contains(${sql}, chr(13))) AS "withNewlines_${i}"`,
    );
  }
  if (column.storage === 'boolean')
    list.push(`count_if(${sql}) AS "trueCount_${i}"`, `count_if(NOT ${sql}) AS "falseCount_${i}"`);
  return list;
}

function readColumn(values: Record<string, unknown>, i: number): ScalarStats {
  const value = (name: string): unknown => values[`${name}_${i}`];
  return {
    count: toCount(value('count')),
    distinct: toCount(value('distinct')),
    minText: toText(value('minText')),
    maxText: toText(value('maxText')),
    mean: toNumber(value('mean')),
    std: toNumber(value('std')),
    min: toNumber(value('min')),
    max: toNumber(value('max')),
    skewness: toNumber(value('skewness')),
    kurtosis: toNumber(value('kurtosis')),
    zeros: toCount(value('zeros')),
    negatives: toCount(value('negatives')),
    infinities: toCount(value('infinities')),
    lengthMin: toNumber(value('lengthMin')),
    lengthMean: toNumber(value('lengthMean')),
    lengthMax: toNumber(value('lengthMax')),
    emptyStrings: toCount(value('emptyStrings')),
    withNewlines: toCount(value('withNewlines')),
    trueCount: toCount(value('trueCount')),
    falseCount: toCount(value('falseCount')),
  };
}
