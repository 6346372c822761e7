import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import type { PlannedColumn } from './columnPlan.js';
import { pairs } from './scalarPass.js';
import { toCount, toNumber, toText } from './sqlValues.js';

/** ydata-profiling's default bin count; fewer when a column has fewer distinct values. */
export const MAX_BINS = 30;
export const TOP_VALUES = 10;
export const TOP_PATTERNS = 10;
/** Keys per grouped scan: grouping_id's bits must stay exact in a JS number and within DuckDB's 64. */
const MAX_KEYS_PER_SCAN = 48;

export interface BinnedColumn {
  column: PlannedColumn;
  min: number;
  /** Bin width; whole numbers for integer columns so every bin holds the same count of integers. */
  width: number;
  bins: number;
  /** The right edge of the last bin (the maximum, or past it for integer bins). */
  last: number;
}

/**
 * Equal-width bins over [min, max]: at most MAX_BINS, fewer when there are fewer distinct values.
 * Integer columns get integer widths over [min, max + 1), so a bin never holds 2 integers where its
 * neighbour holds 3 (the comb pattern fractional widths draw on ages or counts).
 */
export function binsFor(column: PlannedColumn, min: number, max: number, distinct: number): BinnedColumn {
  if (!(max > min)) return { column, min, width: 1, bins: 1, last: max };
  if (column.integer) {
    const span = max - min + 1;
    const width = Math.ceil(span / MAX_BINS);
    const bins = Math.ceil(span / width);
    return { column, min, width, bins, last: min + bins * width };
  }
  const bins = Math.max(1, Math.min(MAX_BINS, distinct));
  return { column, min, width: (max - min) / bins, bins, last: max };
}

export interface GroupedRequest {
  binned: BinnedColumn[];
  /** Columns whose top values are wanted (not unique ones: their top 10 would be arbitrary). */
  counted: PlannedColumn[];
  /**
   * Counted columns with so many distinct values that their groups would crowd every other set's
   * hash tables out of memory: each gets a scan of its own.
   */
  crowded: PlannedColumn[];
  /** Columns with any missing value: the bits of the missingness pattern. */
  withMissing: PlannedColumn[];
  /** Categorical columns whose pairs get a contingency table (for Cramér's V). */
  crossed: PlannedColumn[];
}

export interface GroupedResult {
  histograms: Map<number, { edges: number[]; counts: number[] }>;
  topValues: Map<number, { value: string; count: number }[]>;
  patterns: { columns: string[]; count: number }[];
  /** Contingency tables keyed "i,j", each a list of (a, b, count) cells over complete pairs. */
  tables: Map<string, { a: string; b: string; count: number }[]>;
}

type Key = { name: string; sql: string; limit: number | null };

/**
 * One scan, one GROUP BY GROUPING SETS, for everything that is a count per group: each histogram
 * (bucket number per column), each top-10 list, the missingness patterns (a bitmask per row) and
 * the contingency table of every categorical pair. A window keeps only the top rows of the sets
 * that need a top-N, so only small results come back.
 */
export async function runGroupedPass(
  session: DuckDbSession,
  relation: string,
  request: GroupedRequest,
  options: RunOptions,
): Promise<GroupedResult> {
  const keys: Key[] = [];
  for (const { column, min, width, bins } of request.binned) {
    const value = column.valueSql ?? 'NULL';
    // least() skips NULLs (least(NULL, 29) is 29), so a missing value must stay NULL explicitly.
    const bucket = `CASE WHEN ${value} IS NOT NULL THEN least(floor((${value} - ${min}) / ${width}), ${bins - 1})::INTEGER END`;
    keys.push({ name: `h${column.index}`, sql: bucket, limit: null });
  }
  const crowded = new Set(request.crowded);
  for (const column of [...new Set([...request.counted, ...request.crossed])].filter((c) => !crowded.has(c)))
    keys.push({ name: `v${column.index}`, sql: `${column.sql}::VARCHAR`, limit: TOP_VALUES });
  const maskColumns = request.withMissing.slice(0, 62); // a BIGINT mask; wider sets keep the first 62
  if (maskColumns.length > 0) {
    const mask = maskColumns
      .map((c, bit) => `(CASE WHEN ${c.sql} IS NULL THEN ${2 ** bit} ELSE 0 END)`)
      .join(' + ');
    keys.push({ name: 'mask', sql: `(${mask})::BIGINT`, limit: TOP_PATTERNS });
  }
  const result: GroupedResult = {
    histograms: new Map(),
    topValues: new Map(),
    patterns: [],
    tables: new Map(),
  };
  for (const column of request.crowded)
    result.topValues.set(column.index, await topValuesAlone(session, relation, column, options));
  if (keys.length === 0) return result;
  const crossedPairs = pairs(request.crossed);
  // A pair needs both its keys in one scan, so the crossed keys (at most the correlation limit) lead
  // the first scan; wide data sets spread the remaining keys over further scans.
  const crossedNames = new Set(request.crossed.map((c) => `v${c.index}`));
  const ordered = [
    ...keys.filter((k) => crossedNames.has(k.name)),
    ...keys.filter((k) => !crossedNames.has(k.name)),
  ];
  for (let first = 0; first < ordered.length; first += MAX_KEYS_PER_SCAN) {
    const scanKeys = ordered.slice(first, first + MAX_KEYS_PER_SCAN);
    const scanPairs = first === 0 ? crossedPairs : [];
    const { byGid, gidOf, pairGid } = await scanGroups(session, relation, scanKeys, scanPairs, options);
    scanKeys.forEach((key, i) => readKey(key, byGid.get(gidOf(i)) ?? [], request, maskColumns, result));
    for (const [a, b] of scanPairs) {
      const ia = scanKeys.findIndex((k) => k.name === `v${a.index}`);
      const ib = scanKeys.findIndex((k) => k.name === `v${b.index}`);
      const cells = (byGid.get(pairGid(ia, ib)) ?? []).flatMap((row) => {
        const va = toText(row[`v${a.index}`]);
        const vb = toText(row[`v${b.index}`]);
        return va === null || vb === null ? [] : [{ a: va, b: vb, count: toCount(row.n) }];
      });
      result.tables.set(`${a.index},${b.index}`, cells);
    }
  }
  return result;
}

/**
 * One scan with GROUP BY GROUPING SETS over `keys` (each alone) and `crossedPairs`. grouping_id has
 * one bit per key, which must stay exact in a JavaScript number: hence MAX_KEYS_PER_SCAN.
 */
async function scanGroups(
  session: DuckDbSession,
  relation: string,
  keys: Key[],
  crossedPairs: [PlannedColumn, PlannedColumn][],
  options: RunOptions,
): Promise<{
  byGid: Map<number, Record<string, unknown>[]>;
  gidOf: (i: number) => number;
  pairGid: (i: number, j: number) => number;
}> {
  const sets = [
    ...keys.map((k) => `("${k.name}")`),
    ...crossedPairs.map(([a, b]) => `("v${a.index}", "v${b.index}")`),
  ];
  const names = keys.map((k) => `"${k.name}"`).join(', ');
  // grouping_id bit for key i (from the right): 0 when grouped. A single-key set has all bits but one.
  const limited = keys
    .map((k, i) => (k.limit === null ? null : { i, k }))
    .filter((x): x is { i: number; k: Key } => x !== null);
  const all = 2 ** keys.length - 1;
  const bit = (i: number): number => 2 ** (keys.length - 1 - i);
  const gidOf = (i: number): number => all - bit(i);
  const select = `SELECT ${keys.map((k) => `${k.sql} AS "${k.name}"`).join(', ')} FROM ${relation}`;
  const grouped = `SELECT grouping_id(${names})::BIGINT AS gid, ${names}, count(*) AS n FROM (${select}) GROUP BY GROUPING SETS (${sets.join(', ')})`;
  const byGid = new Map<number, Record<string, unknown>[]>();
  const add = (gid: number, row: Record<string, unknown>): void => {
    const list = byGid.get(gid);
    if (list) list.push(row);
    else byGid.set(gid, [row]);
  };
  if (limited.length === 0) {
    for (const row of await session.rows(grouped, options)) add(toCount(row.gid), row);
    return { byGid, gidOf, pairGid: (i, j) => all - bit(i) - bit(j) };
  }
  // In a single-key set the other keys are null, so coalesce gives that set's own value; the missing
  // group (own NULL) never takes one of the places.
  const own = `coalesce(${limited.map(({ k }) => `"${k.name}"::VARCHAR`).join(', ')})`;
  const topGids = limited.map(({ i }) => gidOf(i)).join(', ');
  // The top TOP_VALUES of a set by count, ties broken by value, without sorting its groups (a window
  // over a million text groups took most of this pass): the TOP_VALUES-th largest count is the
  // threshold, every group above it is in, and the smallest values at it fill the remaining places.
  const rows = await session.rows(
    `WITH g AS MATERIALIZED (${grouped}), tops AS (SELECT gid, list_min(max(n, ${TOP_VALUES})) AS threshold FROM g WHERE gid IN (${topGids}) AND ${own} IS NOT NULL GROUP BY gid) ` +
      `SELECT * FROM g WHERE gid NOT IN (${topGids}) ` +
      `UNION ALL BY NAME SELECT g.* FROM g JOIN tops USING (gid) WHERE ${own} IS NOT NULL AND n > threshold ` +
      `UNION ALL BY NAME SELECT gid, any_value(threshold) AS n, min(${own}, ${TOP_VALUES}) AS tied FROM g JOIN tops USING (gid) WHERE ${own} IS NOT NULL AND n = threshold GROUP BY gid`,
    options,
  );
  const keyOfGid = new Map(limited.map(({ i, k }) => [gidOf(i), k]));
  const tiedRows: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (Array.isArray(row.tied)) tiedRows.push(row);
    else add(toCount(row.gid), row);
  }
  for (const row of tiedRows) {
    const gid = toCount(row.gid);
    const key = keyOfGid.get(gid);
    const tied: unknown[] = Array.isArray(row.tied) ? row.tied : [];
    if (!key) continue;
    const places = TOP_VALUES - (byGid.get(gid)?.length ?? 0);
    for (const value of tied.slice(0, places)) add(gid, { gid: row.gid, [key.name]: value, n: row.n });
  }
  return { byGid, gidOf, pairGid: (i, j) => all - bit(i) - bit(j) };
}

function readKey(
  key: Key,
  rows: Record<string, unknown>[],
  request: GroupedRequest,
  maskColumns: PlannedColumn[],
  result: GroupedResult,
): void {
  const binned = request.binned.find((b) => `h${b.column.index}` === key.name);
  if (binned) {
    const counts = new Array<number>(binned.bins).fill(0);
    for (const row of rows) {
      const bucket = toNumber(row[key.name]);
      if (bucket !== null) counts[bucket] = toCount(row.n);
    }
    const edges = Array.from({ length: binned.bins + 1 }, (_, i) =>
      i === binned.bins ? binned.last : binned.min + i * binned.width,
    );
    result.histograms.set(binned.column.index, { edges, counts });
    return;
  }
  if (key.name === 'mask') {
    result.patterns = rows
      .map((row) => {
        const bits = BigInt(String(row.mask));
        return {
          columns: maskColumns.filter((_, bit) => (bits >> BigInt(bit)) & 1n).map((c) => c.name),
          count: toCount(row.n),
        };
      })
      .sort((a, b) => b.count - a.count);
    return;
  }
  const index = Number(key.name.slice(1));
  result.topValues.set(
    index,
    rows
      .flatMap((row) => {
        const value = toText(row[key.name]);
        return value === null ? [] : [{ value, count: toCount(row.n) }];
      })
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, TOP_VALUES),
  );
}

/**
 * The top values of one column with millions of distinct values, in a scan of its own: inside the
 * grouping sets its groups spilled every set's tables to disk (20M rows: 28 s there, 4 s alone).
 * Same order as the grouped scan: count, then the smaller value first.
 */
async function topValuesAlone(
  session: DuckDbSession,
  relation: string,
  column: PlannedColumn,
  options: RunOptions,
): Promise<{ value: string; count: number }[]> {
  const rows = await session.rows(
    `SELECT ${column.sql}::VARCHAR AS v, count(*) AS n FROM ${relation} WHERE ${column.sql} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${TOP_VALUES}`,
    options,
  );
  return rows.map((row) => ({ value: toText(row.v) ?? '', count: toCount(row.n) }));
}
