import { z } from 'zod';
import { columnKindSchema, slugSchema } from './datasets.js';
import { procedure } from './define.js';

/** The most rows one call returns: the grid asks for ~200 at a time; more would be a giant array. */
export const MAX_PAGE_ROWS = 1000;

export const filterOps = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'is_null', 'not_null'] as const;
export const filterOpSchema = z.enum(filterOps);
export type FilterOp = z.infer<typeof filterOpSchema>;

/** Ops that compare against a value; is_null / not_null take none. */
export function opTakesValue(op: FilterOp): boolean {
  return op !== 'is_null' && op !== 'not_null';
}

/**
 * A filter value crosses as a JSON scalar; the service binds it as a prepared-statement parameter,
 * so DuckDB casts it to the column's type and a value can never become SQL.
 */
export const tableFilterSchema = z
  .object({
    column: z.string().min(1).max(1000),
    op: filterOpSchema,
    value: z.union([z.string().max(10_000), z.number(), z.boolean()]).optional(),
  })
  .refine((filter) => !opTakesValue(filter.op) || filter.value !== undefined, {
    message: 'this filter operation needs a value',
    path: ['value'],
  });
export type TableFilter = z.infer<typeof tableFilterSchema>;

export const tableSortSchema = z.object({
  column: z.string().min(1).max(1000),
  direction: z.enum(['asc', 'desc']),
});
export type TableSort = z.infer<typeof tableSortSchema>;

/**
 * Lets a window cancel its own in-flight query (`datasets.cancelQuery`) when the user changes the
 * sort or filter; the router has no per-call AbortSignal, so the id names the call instead.
 */
const queryIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();

const tableQuerySchema = z.object({
  slug: slugSchema,
  sort: z.array(tableSortSchema).max(8).optional(),
  filters: z.array(tableFilterSchema).max(32).optional(),
  queryId: queryIdSchema,
});

/**
 * A JSON-safe cell. Numbers stay numbers when a double holds them exactly; BIGINT/HUGEINT/DECIMAL
 * beyond 2^53, NaN and ±Infinity become strings; dates and timestamps are ISO strings; lists and
 * structs are their JSON text; NULL is null.
 */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

export const tableColumnSchema = z.object({ name: z.string(), type: z.string() });
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableRowsSchema = z.object({
  columns: z.array(tableColumnSchema),
  /** Row-major: `rows[i][j]` is column j of the row at `offset + i`. */
  rows: z.array(z.array(cellSchema)),
  offset: z.number().int().nonnegative(),
  /**
   * Rows matching the filters. Exact and free without filters (Parquet metadata); with filters it
   * is null unless this page proves it (it ended early), and `datasets.count` computes it.
   */
  total: z.number().int().nonnegative().nullable(),
  /** The row count of the whole data set, always known. */
  datasetRows: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type TableRows = z.infer<typeof tableRowsSchema>;

export const columnStatsSchema = z.object({
  name: z.string(),
  type: z.string(),
  kind: columnKindSchema,
  missingPercent: z.number().min(0).max(100),
  /** Exact count of distinct non-missing values. */
  distinct: z.number().int().nonnegative(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  mean: z.number().nullable(),
});
export type ColumnStats = z.infer<typeof columnStatsSchema>;

export const tablesContract = {
  'datasets.rows': procedure({
    input: tableQuerySchema.extend({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
    }),
    output: tableRowsSchema,
    summary: 'One page of a data set, optionally sorted and filtered; rows are row-major JSON cells.',
  }),
  'datasets.count': procedure({
    input: tableQuerySchema,
    output: z.object({ total: z.number().int().nonnegative(), elapsedMs: z.number().nonnegative() }),
    summary: 'Rows matching the filters; a scan with filters, so it is cancellable by queryId.',
  }),
  'datasets.cancelQuery': procedure({
    input: z.object({ queryId: z.string().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
    summary: 'Interrupts an in-flight rows or count query this window started; false if none.',
  }),
  'datasets.columnStats': procedure({
    input: z.object({ slug: slugSchema, column: z.string().min(1).max(1000) }),
    output: columnStatsSchema,
    summary: "A column's figures from the stored profile, for the table header's hover card.",
  }),
} as const;
