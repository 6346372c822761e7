import { z } from 'zod';
import { columnKinds, driftTestNames } from '../drift/driftTests.js';
import { deploymentNameSchema } from './containerDeployments.js';
import { slugSchema } from './datasets.js';
import { procedure, stream } from './define.js';
import { jobSchema } from './jobs.js';
import { modelNameSchema, modelVersionSchema } from './modelRegistry.js';

export const driftTestNameSchema = z.enum(driftTestNames);
export const driftColumnKindSchema = z.enum(columnKinds);

/** A drift report's name: its folder under drift/. */
export const driftReportIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a report name: lowercase letters, digits and dashes');

const isoTime = z.iso.datetime({ offset: true });

/** What one side of a comparison reads. */
export const driftSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), slug: slugSchema }),
  /** A CSV, TSV, Parquet, JSON or NDJSON file on the machine running the services (confined by the host). */
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
  /** The requests a served model's container captured (captures/<deployment>/), from..to (ISO, either open). */
  z.object({
    kind: z.literal('captures'),
    deployment: deploymentNameSchema,
    from: isoTime.optional(),
    to: isoTime.optional(),
  }),
]);
export type DriftSide = z.infer<typeof driftSideSchema>;

export const testChoiceSchema = z.object({
  /** The default test (Evidently's choice) with only the threshold changed, when absent. */
  test: driftTestNameSchema.optional(),
  /** The test's own default when absent (driftTests). */
  threshold: z.number().nonnegative().max(1e6).optional(),
});
export type TestChoice = z.infer<typeof testChoiceSchema>;

const columnName = z.string().min(1).max(1024);

export const driftSettingsSchema = z.object({
  /** Baseline column -> current column, for columns named differently on the two sides. */
  mapping: z.record(columnName, columnName).default({}),
  /** Baseline columns left out of the comparison (ids, timestamps, free text). */
  ignore: z.array(columnName).max(10_000).default([]),
  /** Override the kind a column is read as (a numeric code that is really a category). */
  kinds: z.record(columnName, driftColumnKindSchema).default({}),
  /** Per column first, then per kind, then Evidently's default choice. */
  tests: z
    .object({
      byColumn: z.record(columnName, testChoiceSchema).default({}),
      byKind: z.partialRecord(driftColumnKindSchema, testChoiceSchema).default({}),
    })
    .default({ byColumn: {}, byKind: {} }),
  /** The data set drifts when at least this share of its compared columns drift. */
  datasetShare: z.number().gt(0).max(1).default(0.5),
  /** The label column, for model quality when a model is given. */
  label: columnName.optional(),
  /** Run this registry model on both sides and compare its outputs (prediction drift). */
  model: z.object({ name: modelNameSchema, version: modelVersionSchema.optional() }).optional(),
  /** For captures (or a side with `timeColumn`): the current side split in windows, each compared. */
  window: z.enum(['hour', 'day']).optional(),
  /** A current-side timestamp column to window by; captures use their capture time. */
  timeColumn: columnName.optional(),
});
export type DriftSettings = z.infer<typeof driftSettingsSchema>;
export type DriftSettingsInput = z.input<typeof driftSettingsSchema>;

/** Baseline and current distributions of a column, for charts: shared bin edges or shared categories. */
export const driftHistogramSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bins'),
    /** n+1 edges for n bins, over both sides' range. */
    edges: z.array(z.number()),
    baseline: z.array(z.number().nonnegative()),
    current: z.array(z.number().nonnegative()),
  }),
  z.object({
    kind: z.literal('categories'),
    /** The most frequent categories over both sides; the rest are summed in `other`. */
    categories: z.array(z.string()),
    baseline: z.array(z.number().nonnegative()),
    current: z.array(z.number().nonnegative()),
    other: z.object({ baseline: z.number().nonnegative(), current: z.number().nonnegative() }),
  }),
]);
export type DriftHistogram = z.infer<typeof driftHistogramSchema>;

export const sideColumnStatsSchema = z.object({
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type SideColumnStats = z.infer<typeof sideColumnStatsSchema>;

/** One compared column: the record `mlw drift --json` prints per column. */
export const driftColumnSchema = z.object({
  column: z.string(),
  /** The column it was compared with on the current side (differs when mapped). */
  currentColumn: z.string(),
  kind: driftColumnKindSchema,
  /** Where the kind came from: the values ('detected'), Evidently's <= 5 distinct rule, or the settings. */
  kindSource: z.enum(['detected', 'few-values', 'settings']),
  test: driftTestNameSchema,
  testSource: z.enum(['default', 'column', 'kind']),
  threshold: z.number(),
  statistic: z.number().nullable(),
  /** Null for distance tests, which have none. */
  pValue: z.number().nullable(),
  /** The number the threshold is held to: the p-value for p-value tests, the statistic otherwise. */
  score: z.number().nullable(),
  /** Null when not computable. */
  drift: z.boolean().nullable(),
  /** Why it could not be compared (all missing on a side, types differ, a single value, ...). */
  notComputable: z.string().nullable(),
  baseline: sideColumnStatsSchema,
  current: sideColumnStatsSchema,
  histogram: driftHistogramSchema.nullable(),
});
export type DriftColumn = z.infer<typeof driftColumnSchema>;

export const driftSideInfoSchema = z.object({
  side: driftSideSchema,
  /** As shown to people: a data set's name, a file's path, "captures of NAME from .. to ..". */
  label: z.string(),
  rows: z.number().int().nonnegative(),
  /** sha256 of what was read: the data file, or the capture files' contents in order. */
  sha256: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type DriftSideInfo = z.infer<typeof driftSideInfoSchema>;

/** A column present on one side only, or of a type the other side cannot be compared with. */
export const schemaIssueSchema = z.object({
  column: z.string(),
  problem: z.enum(['missing-in-current', 'extra-in-current', 'type-mismatch', 'ignored']),
  message: z.string(),
});

export const driftWindowSchema = z.object({
  start: z.string(),
  end: z.string(),
  rows: z.number().int().nonnegative(),
  /** Null when the window has too few rows to compare. */
  share: z.number().nullable(),
  drift: z.boolean().nullable(),
  /** Per column: its score and drift flag in this window. */
  columns: z.record(z.string(), z.object({ score: z.number().nullable(), drift: z.boolean().nullable() })),
});
export type DriftWindow = z.infer<typeof driftWindowSchema>;

export const constraintViolationSchema = z.object({
  /** The baseline column (a current column for `extra-column`). */
  column: z.string(),
  /** SageMaker's data_type_check, completeness_check, missing_column_check, extra_column_check, categorical_values_check; out-of-range is ours. */
  check: z.enum([
    'type',
    'completeness',
    'missing-column',
    'extra-column',
    'unknown-category',
    'out-of-range',
  ]),
  message: z.string(),
  /** How many current rows break it, where that can be counted. */
  rows: z.number().int().nonnegative().nullable(),
});
export type ConstraintViolation = z.infer<typeof constraintViolationSchema>;

/** SageMaker Model Monitor's baseline constraints, per column: suggested from the baseline, editable. */
export const columnConstraintSchema = z.object({
  column: columnName,
  /** SageMaker's inferred_type, lowercased (Integral, Fractional, String), plus the types DuckDB knows. */
  type: z.enum(['integral', 'fractional', 'string', 'boolean', 'timestamp', 'other']),
  /** The least share of non-missing values the current side must have (0..1). */
  completeness: z.number().min(0).max(1),
  /**
   * For numeric columns: the range current values must lie in, either end open when null. SageMaker's
   * is_non_negative is `{ min: 0, max: null }`.
   */
  range: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(),
  /** For string columns: the categories allowed (SageMaker's string_constraints.domains; null: any). */
  categories: z.array(z.string()).max(10_000).nullable(),
});
export type ColumnConstraint = z.infer<typeof columnConstraintSchema>;

export const constraintsSchema = z.object({
  schemaVersion: z.literal(1),
  /** Where the suggestion came from, for people reading the file. */
  suggestedFrom: z
    .object({ label: z.string(), rows: z.number().int().nonnegative(), sha256: z.string() })
    .optional(),
  /** Whether a column the baseline has not is a violation. */
  allowExtraColumns: z.boolean(),
  /**
   * The share of a column's non-missing current values that may break a check before it is a
   * violation: SageMaker's datatype_check_threshold and domain_content_threshold (0.1 there; 0 here,
   * so that any break is reported with its count).
   */
  tolerance: z
    .object({ type: z.number().min(0).max(1).default(0), categories: z.number().min(0).max(1).default(0) })
    .default({ type: 0, categories: 0 }),
  columns: z.array(columnConstraintSchema).max(10_000),
});
export type Constraints = z.infer<typeof constraintsSchema>;
export type ConstraintsInput = z.input<typeof constraintsSchema>;

export const suggestConstraintsRequestSchema = z.object({
  baseline: driftSideSchema,
  /** Columns left out (ids, free text) and the label, which the current side usually lacks. */
  ignore: z.array(columnName).max(10_000).default([]),
  label: columnName.optional(),
  /** A string column with at most this many distinct values gets its categories listed. */
  maxCategories: z.number().int().min(1).max(10_000).default(120),
  allowExtraColumns: z.boolean().default(false),
});
export type SuggestConstraintsRequest = z.infer<typeof suggestConstraintsRequestSchema>;

export const modelQualitySchema = z.object({
  task: z.enum(['classification', 'regression']),
  /** accuracy, f1, rocAuc (binary or one-vs-rest macro) or rmse, mae. Null when not computable. */
  metrics: z.record(z.string(), z.number().nullable()),
  rows: z.number().int().nonnegative(),
});

export type ModelQuality = z.infer<typeof modelQualitySchema>;

export const predictionDriftSchema = z.object({
  model: z.object({ name: modelNameSchema, version: modelVersionSchema, sha256: z.string() }),
  /** One record per model output compared (its columns named output or output[i]). */
  columns: z.array(driftColumnSchema),
  quality: z.object({ baseline: modelQualitySchema, current: modelQualitySchema }).nullable(),
});

export const driftReportSchema = z.object({
  schemaVersion: z.literal(1),
  id: driftReportIdSchema,
  createdAt: z.string(),
  workbenchVersion: z.string(),
  baseline: driftSideInfoSchema,
  current: driftSideInfoSchema,
  settings: driftSettingsSchema,
  /** Sorted by drift: drifted first, then by how far past (or short of) its threshold. */
  columns: z.array(driftColumnSchema),
  schemaIssues: z.array(schemaIssueSchema),
  dataset: z.object({
    compared: z.number().int().nonnegative(),
    drifted: z.number().int().nonnegative(),
    share: z.number().nullable(),
    threshold: z.number(),
    drift: z.boolean(),
  }),
  windows: z.array(driftWindowSchema).nullable(),
  /** The constraints checked on the current side (suggested from the baseline, or given) and what broke. */
  constraints: z
    .object({
      source: z.enum(['suggested', 'edited']),
      constraints: constraintsSchema,
      violations: z.array(constraintViolationSchema),
    })
    .nullable(),
  prediction: predictionDriftSchema.nullable(),
  durationMs: z.number().nonnegative(),
  /** Inside the data worker, in ms: reading the columns, sorting them, the tests and histograms. */
  timings: z
    .object({
      readMs: z.number().nonnegative(),
      sortMs: z.number().nonnegative(),
      compareMs: z.number().nonnegative(),
    })
    .optional(),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

export const driftReportSummarySchema = z.object({
  id: driftReportIdSchema,
  createdAt: z.string(),
  baseline: z.string(),
  current: z.string(),
  compared: z.number().int().nonnegative(),
  drifted: z.number().int().nonnegative(),
  drift: z.boolean(),
});
export type DriftReportSummary = z.infer<typeof driftReportSummarySchema>;

export const driftRunRequestSchema = z.object({
  baseline: driftSideSchema,
  current: driftSideSchema,
  settings: driftSettingsSchema.default(driftSettingsSchema.parse({})),
  /** Constraints to check the current side against; suggested from the baseline when true. */
  constraints: z.union([z.literal(true), constraintsSchema]).optional(),
  /** The report's folder under drift/; made from the sides and the time when absent. */
  id: driftReportIdSchema.optional(),
});
export type DriftRunRequest = z.infer<typeof driftRunRequestSchema>;

export const driftMonitorIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a monitor id: lowercase letters, digits and dashes');

export const driftMonitorSchema = z.object({
  id: driftMonitorIdSchema,
  deployment: deploymentNameSchema,
  baseline: driftSideSchema,
  settings: driftSettingsSchema,
  /** How often it recomputes while the workbench is open. */
  everyMinutes: z
    .number()
    .min(0.1)
    .max(24 * 60),
  /** How far back each check reads the captures. */
  lookbackHours: z
    .number()
    .min(0.01)
    .max(24 * 365),
  createdAt: z.string(),
  lastCheck: z
    .object({
      at: z.string(),
      rows: z.number().int().nonnegative(),
      drift: z.boolean().nullable(),
      driftedColumns: z.array(z.string()),
      /** Why it could not compare: no captures in the window, the deployment gone, the baseline unreadable. */
      error: z.string().nullable(),
      /** The report saved for this check: one is kept when something crossed its threshold. */
      report: driftReportIdSchema.nullable().default(null),
    })
    .nullable(),
  /** What drifted at the last check that could compare: an alert is raised only for what crosses from it. */
  drifting: z
    .object({ dataset: z.boolean(), columns: z.array(z.string()) })
    .nullable()
    .default(null),
});
export type DriftMonitor = z.infer<typeof driftMonitorSchema>;

export const driftAlertSchema = z.object({
  monitor: driftMonitorIdSchema,
  deployment: deploymentNameSchema,
  at: z.string(),
  /** What crossed its threshold since the last check: the data set, or these columns. */
  dataset: z.boolean(),
  columns: z.array(z.string()),
  message: z.string(),
  /** The check's saved report, to open from the notification. */
  report: driftReportIdSchema.nullable().default(null),
});
export type DriftAlert = z.infer<typeof driftAlertSchema>;

export const addMonitorRequestSchema = z.object({
  deployment: deploymentNameSchema,
  baseline: driftSideSchema,
  settings: driftSettingsSchema.default(driftSettingsSchema.parse({})),
  everyMinutes: driftMonitorSchema.shape.everyMinutes.default(60),
  lookbackHours: driftMonitorSchema.shape.lookbackHours.default(24),
});
export type AddMonitorRequest = z.infer<typeof addMonitorRequestSchema>;

export const monitorCheckSchema = z.object({
  monitor: driftMonitorSchema,
  /** Set when something crossed its threshold in this check. */
  alert: driftAlertSchema.nullable(),
});
export type MonitorCheck = z.infer<typeof monitorCheckSchema>;

/** One way the simulator moves a column. */
export const shiftSchema = z.discriminatedUnion('kind', [
  /** Add `by` standard deviations of the column to every value. */
  z.object({ kind: z.literal('mean'), column: columnName, by: z.number().min(-100).max(100) }),
  /** Scale the spread around the mean by `factor`. */
  z.object({ kind: z.literal('scale'), column: columnName, factor: z.number().min(0).max(100) }),
  /**
   * Redraw the column's values so their shares become these weights (normalised to sum 1): a
   * category the weights do not name gets share 0, one the column does not hold yet appears.
   */
  z.object({
    kind: z.literal('categories'),
    column: columnName,
    weights: z.record(z.string().max(1024), z.number().nonnegative().max(1e9)),
  }),
  /** Set this share of the column's values to missing. */
  z.object({ kind: z.literal('missing'), column: columnName, share: z.number().min(0).max(1) }),
]);
export type Shift = z.infer<typeof shiftSchema>;

export const simulateRequestSchema = z.object({
  source: slugSchema,
  /** The new data set's name. */
  name: z.string().min(1).max(200),
  shifts: z.array(shiftSchema).min(1).max(100),
  /** Rows to draw (with replacement) from the source; its row count when absent. */
  rows: z.number().int().min(1).max(50_000_000).optional(),
  /**
   * A gradual shift: the rows are split in `windows` timestamped windows (a `ts` column), the first
   * unshifted and each later one further along, the last shifted in full.
   */
  gradual: z
    .object({
      windows: z.number().int().min(2).max(1000),
      every: z.enum(['hour', 'day']),
      start: isoTime.optional(),
    })
    .optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});
export type SimulateRequest = z.infer<typeof simulateRequestSchema>;

export const replayRequestSchema = z.object({
  /** The data set whose rows are sent, in order. */
  dataset: slugSchema,
  deployment: deploymentNameSchema,
  /** Rows per request. */
  batch: z.number().int().min(1).max(4096).default(32),
  /** Requests per second at most; as fast as it answers when absent. */
  rate: z.number().positive().max(100_000).optional(),
  /** Leave out these columns (the label, the timestamp). */
  exclude: z.array(columnName).default([]),
});
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/** The result of a finished `drift.simulate` job: the new data set. */
export const simulateResultSchema = z.object({ slug: slugSchema });

const count = z.number().int().nonnegative();
/** sent = ok + failed. */
const replayCountsSchema = z.object({ sent: count, ok: count, failed: count });

/** The result of a finished `drift.replay` job. */
export const replayResultSchema = z.object({
  dataset: slugSchema,
  deployment: deploymentNameSchema,
  /** Failed: answered with an error, not answered, or not made (a missing value the model cannot take). */
  requests: replayCountsSchema,
  rows: replayCountsSchema,
  /** The first distinct reasons requests failed. */
  failures: z.array(z.string()).max(10),
  /** Where the deployment captured the rows; null when its capture is off (the rows were not kept). */
  capture: z.object({ folder: z.string(), sampleRate: z.number().min(0).max(1) }).nullable(),
  warnings: z.array(z.string()),
  durationMs: z.number().nonnegative(),
});
export type ReplayResult = z.infer<typeof replayResultSchema>;

const reportId = z.object({ id: driftReportIdSchema });

export const driftContract = {
  'drift.run': procedure({
    input: driftRunRequestSchema,
    output: jobSchema,
    summary:
      'Compare a current side with a baseline per column (and per window, and a model’s predictions); the job result is the DriftReport, saved as drift/<id>/report.json and report.html.',
  }),
  'drift.suggestConstraints': procedure({
    input: suggestConstraintsRequestSchema,
    output: constraintsSchema,
    summary:
      'Suggest constraints from a baseline (types, completeness, numeric ranges, categories), to edit and check current data against.',
  }),
  'drift.list': procedure({
    input: z.object({}),
    output: z.array(driftReportSummarySchema),
    summary: 'The saved drift reports, newest first.',
  }),
  'drift.get': procedure({ input: reportId, output: driftReportSchema, summary: 'One saved drift report.' }),
  'drift.reportHtml': procedure({
    input: reportId,
    output: z.object({ fileName: z.string(), html: z.string() }),
    summary:
      "A saved report's self-contained report.html (written again from report.json if it is gone), to download from any host.",
  }),
  'drift.remove': procedure({
    input: reportId,
    output: z.object({ trashedTo: z.string() }),
    summary: "Move a report's folder to the workspace's trash.",
  }),
  'drift.listMonitors': procedure({
    input: z.object({}),
    output: z.array(driftMonitorSchema),
    summary: 'The drift monitors of this workspace, each with its last check.',
  }),
  'drift.addMonitor': procedure({
    input: addMonitorRequestSchema,
    output: driftMonitorSchema,
    summary:
      "Watch a deployment's captures against a baseline: while the workbench is open it compares the last lookbackHours every everyMinutes.",
  }),
  'drift.removeMonitor': procedure({
    input: z.object({ id: driftMonitorIdSchema }),
    output: z.object({ id: driftMonitorIdSchema }),
    summary: 'Stop and forget a drift monitor (its reports, if any were saved, stay).',
  }),
  'drift.checkMonitor': procedure({
    input: z.object({ id: driftMonitorIdSchema }),
    output: monitorCheckSchema,
    summary: "Check a monitor now: compare its deployment's recent captures with its baseline.",
  }),
  'drift.simulate': procedure({
    input: simulateRequestSchema,
    output: jobSchema,
    summary:
      'Make a shifted copy of a data set (mean, scale, categories, missing values; at once or gradually over timestamped windows) as a new workspace data set; the job result is its { slug }.',
  }),
  'drift.replay': procedure({
    input: replayRequestSchema,
    output: jobSchema,
    summary:
      "Send a data set's rows in order to a running deployment's /predict, in batches and at a rate, so they land in its captures; the job result is a ReplayResult.",
  }),
} as const;

export const driftStreams = {
  'drift.alert': stream({
    payload: driftAlertSchema,
    summary: 'A monitored deployment crossed a threshold: its data set or a column newly drifted.',
  }),
  'drift.changed': stream({
    payload: z.object({ what: z.enum(['reports', 'monitors']) }),
    summary: 'Reports or monitors were added, removed or checked.',
  }),
} as const;
