import { z } from 'zod';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';

export const columnKindSchema = z.enum(['numeric', 'categorical', 'text', 'datetime', 'boolean', 'other']);
export type ColumnKind = z.infer<typeof columnKindSchema>;

export const columnSummarySchema = z.object({
  name: z.string(),
  /** The storage type DuckDB inferred, e.g. BIGINT, DOUBLE, VARCHAR, DATE. */
  type: z.string(),
  kind: columnKindSchema,
  count: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  missingPercent: z.number().min(0).max(100),
  /** Approximate (HyperLogLog) distinct count. */
  distinctApprox: z.number().int().nonnegative(),
  /** Rendered as text so dates, strings and numbers share one field. */
  min: z.string().nullable(),
  max: z.string().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  q25: z.number().nullable(),
  q50: z.number().nullable(),
  q75: z.number().nullable(),
});
export type ColumnSummary = z.infer<typeof columnSummarySchema>;

export const profileSchema = z.object({
  schemaVersion: z.literal(1),
  rows: z.number().int().nonnegative(),
  columnCount: z.number().int().nonnegative(),
  columns: z.array(columnSummarySchema),
  engine: z.string(),
  elapsedMs: z.number().nonnegative(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const csvOptionsSchema = z.object({
  delimiter: z.string(),
  quote: z.string(),
  hasHeader: z.boolean(),
});

export const datasetManifestSchema = z.object({
  schemaVersion: z.literal(1),
  slug: z.string(),
  name: z.string(),
  format: z.enum(['csv']),
  source: z.object({
    fileName: z.string(),
    /** Where the file was read from; null for a file uploaded through a browser window. */
    path: z.string().nullable(),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string(),
    modifiedAt: z.string(),
  }),
  csv: csvOptionsSchema,
  data: z.object({ file: z.literal('data.parquet'), sizeBytes: z.number().int().nonnegative() }),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  importedAt: z.string(),
});
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;

export const importSourceSchema = z.discriminatedUnion('kind', [
  /** A file the browser host received through its upload endpoint. */
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[a-f0-9-]{36}$/) }),
  /** A path on the machine running the services (confined by the host). */
  z.object({ kind: z.literal('path'), path: z.string().min(1) }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a data set slug: lowercase letters, digits and dashes');

/** The result of a finished `datasets.import` job. */
export const datasetImportResultSchema = z.object({ slug: slugSchema });

export const datasetsContract = {
  'datasets.list': procedure({
    input: z.object({}),
    output: z.array(datasetManifestSchema),
    summary: 'Data sets in the workspace, newest first.',
  }),
  'datasets.get': procedure({
    input: z.object({ slug: slugSchema }),
    output: z.object({ manifest: datasetManifestSchema, profile: profileSchema }),
    summary: 'A data set manifest with its profile.',
  }),
  'datasets.profile': procedure({
    input: z.object({ source: importSourceSchema }),
    output: jobSchema,
    summary: 'Profile a CSV where it is, without importing it; the job result is a Profile.',
  }),
  'datasets.import': procedure({
    input: z.object({ source: importSourceSchema, name: z.string().trim().min(1).max(120).optional() }),
    output: jobSchema,
    summary: 'Import a CSV into the workspace as Parquet and profile it; returns the job at once.',
  }),
} as const;
