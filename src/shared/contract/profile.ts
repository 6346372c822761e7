import { z } from 'zod';

/**
 * The data set profile, schema version 2. Every field is documented in docs/cli.md ("Profile").
 * Numbers that cannot be computed (an empty column, a standard deviation of one value) are null.
 */

export const columnKindSchema = z.enum(['numeric', 'categorical', 'text', 'datetime', 'boolean', 'other']);
export type ColumnKind = z.infer<typeof columnKindSchema>;

export const histogramSchema = z.object({
  /** bins + 1 edges; bin i holds edges[i] <= x < edges[i+1], the last bin also holds its right edge. */
  edges: z.array(z.number()),
  counts: z.array(z.number().int().nonnegative()),
});
export type Histogram = z.infer<typeof histogramSchema>;

export const numericStatsSchema = z.object({
  /** Over the finite values: infinities are counted apart and left out of every statistic. */
  mean: z.number().nullable(),
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  p5: z.number().nullable(),
  p25: z.number().nullable(),
  p50: z.number().nullable(),
  p75: z.number().nullable(),
  p95: z.number().nullable(),
  iqr: z.number().nullable(),
  /** Bias-corrected sample skewness, as pandas' Series.skew(). */
  skewness: z.number().nullable(),
  /** Bias-corrected excess kurtosis (normal = 0), as pandas' Series.kurt(). */
  kurtosis: z.number().nullable(),
  zeros: z.number().int().nonnegative(),
  negatives: z.number().int().nonnegative(),
  infinities: z.number().int().nonnegative(),
  histogram: histogramSchema.nullable(),
});
export type NumericStats = z.infer<typeof numericStatsSchema>;

export const valueCountSchema = z.object({ value: z.string(), count: z.number().int().nonnegative() });

export const textStatsSchema = z.object({
  /** The 10 most frequent values, most frequent first; empty when every value is unique. */
  topValues: z.array(valueCountSchema),
  /** Non-missing values outside topValues. */
  otherCount: z.number().int().nonnegative(),
  lengthMin: z.number().nullable(),
  lengthMean: z.number().nullable(),
  lengthMax: z.number().nullable(),
  emptyStrings: z.number().int().nonnegative(),
  /** Values that read as numbers; a column mixing numbers and text is a lint finding. */
  numberLike: z.number().int().nonnegative(),
});
export type TextStats = z.infer<typeof textStatsSchema>;

export const datetimeStatsSchema = z.object({
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** Edges are ISO 8601 instants (UTC). */
  histogram: z
    .object({ edges: z.array(z.string()), counts: z.array(z.number().int().nonnegative()) })
    .nullable(),
});

export const booleanStatsSchema = z.object({
  trueCount: z.number().int().nonnegative(),
  falseCount: z.number().int().nonnegative(),
});

export const columnProfileSchema = z.object({
  name: z.string(),
  /** The storage type DuckDB inferred, e.g. BIGINT, DOUBLE, VARCHAR, DATE. */
  type: z.string(),
  kind: columnKindSchema,
  count: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  missingPercent: z.number().min(0).max(100),
  /** Exact count of distinct non-missing values. */
  distinct: z.number().int().nonnegative(),
  /** Rendered as text so dates, strings and numbers share one field. */
  min: z.string().nullable(),
  max: z.string().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  q25: z.number().nullable(),
  q50: z.number().nullable(),
  q75: z.number().nullable(),
  numeric: numericStatsSchema.optional(),
  text: textStatsSchema.optional(),
  datetime: datetimeStatsSchema.optional(),
  boolean: booleanStatsSchema.optional(),
});
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
/** The v1 name, kept for existing imports. */
export type ColumnSummary = ColumnProfile;

export const correlationMatrixSchema = z.object({
  columns: z.array(z.string()),
  /** Symmetric; null where a pair has fewer than 2 complete rows or no spread. */
  values: z.array(z.array(z.number().nullable())),
});

export const correlationsSchema = z.object({
  pearson: correlationMatrixSchema,
  spearman: correlationMatrixSchema,
  /**
   * Rows the Spearman ranks were computed on: every row up to 100,000, else a repeatable system
   * sample (whole blocks of 2048 rows) of about 100,000.
   */
  spearmanRows: z.number().int().nonnegative(),
  cramersV: correlationMatrixSchema,
  /** Columns left out because a matrix holds at most `maxColumns` columns. */
  omitted: z.array(z.string()),
  maxColumns: z.number().int().positive(),
});

export const missingPatternSchema = z.object({
  /** The columns missing together in these rows (empty: rows with nothing missing). */
  columns: z.array(z.string()),
  count: z.number().int().nonnegative(),
});

export const alertTypeSchema = z.enum([
  'constant',
  'all_missing',
  'missing',
  'high_cardinality',
  'unique',
  'skewed',
  'zeros',
  'imbalance',
  'high_correlation',
  'duplicates',
  'infinite',
]);
export type AlertType = z.infer<typeof alertTypeSchema>;

export const alertSchema = z.object({
  type: alertTypeSchema,
  /** The column(s) the alert is about; empty for data-set-wide alerts (duplicates). */
  columns: z.array(z.string()),
  message: z.string(),
  /** The measured value the threshold was applied to (share, count, skewness, correlation). */
  value: z.number(),
});
export type Alert = z.infer<typeof alertSchema>;

export const lintTypeSchema = z.enum([
  'empty_column',
  'unnamed_column',
  'embedded_newlines',
  'ragged_rows',
  'mixed_types',
]);

export const lintFindingSchema = z.object({
  type: lintTypeSchema,
  columns: z.array(z.string()),
  message: z.string(),
  count: z.number().int().nonnegative(),
  /** Up to 3 offending values, with CR and LF shown as ␍ and ␊. */
  examples: z.array(z.string()),
});
export type LintFinding = z.infer<typeof lintFindingSchema>;

export const profileSchema = z.object({
  schemaVersion: z.literal(2),
  /** 'sampled' profiles describe `sampleRows` rows drawn uniformly, and say so on the report. */
  mode: z.enum(['exact', 'sampled']),
  sampleRows: z.number().int().nonnegative().nullable(),
  rows: z.number().int().nonnegative(),
  columnCount: z.number().int().nonnegative(),
  overview: z.object({
    missingCells: z.number().int().nonnegative(),
    missingCellsPercent: z.number().min(0).max(100),
    duplicateRows: z.number().int().nonnegative(),
    duplicateRowsPercent: z.number().min(0).max(100),
    kinds: z.record(columnKindSchema, z.number().int().nonnegative()),
    sourceSizeBytes: z.number().int().nonnegative().nullable(),
    parquetSizeBytes: z.number().int().nonnegative().nullable(),
  }),
  columns: z.array(columnProfileSchema),
  correlations: correlationsSchema,
  missingPatterns: z.array(missingPatternSchema),
  alerts: z.array(alertSchema),
  lint: z.array(lintFindingSchema),
  /** Wall time of each pass over the data, for benchmarks. */
  passes: z.array(z.object({ name: z.string(), ms: z.number().nonnegative() })),
  engine: z.string(),
  elapsedMs: z.number().nonnegative(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/** Enough of a v1 profile to recognise one on disk. */
export const legacyProfileSchema = z.object({ schemaVersion: z.literal(1) });
