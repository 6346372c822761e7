import { z } from 'zod';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';
import { profileSchema } from './profile.js';

// The profile schemas live in profile.ts; re-exported so existing imports keep working.
export {
  columnKindSchema,
  columnProfileSchema as columnSummarySchema,
  profileSchema,
  type ColumnKind,
  type ColumnSummary,
  type Profile,
} from './profile.js';

export const csvOptionsSchema = z.object({
  delimiter: z.string(),
  quote: z.string(),
  hasHeader: z.boolean(),
});

export const datasetFormats = ['csv', 'tsv', 'parquet', 'json', 'ndjson'] as const;
export const datasetFormatSchema = z.enum(datasetFormats);
export type DatasetFormat = z.infer<typeof datasetFormatSchema>;

/** The encodings DuckDB 1.5's CSV reader decodes without the (downloaded) encodings extension. */
export const csvEncodings = ['utf-8', 'utf-16', 'latin-1'] as const;
export const csvEncodingSchema = z.enum(csvEncodings);
export type CsvEncoding = z.infer<typeof csvEncodingSchema>;

/** A DuckDB type name such as BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(10,2) or TIMESTAMP WITH TIME ZONE. */
export const duckDbTypeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/, 'a DuckDB type such as BIGINT or VARCHAR');

/** DuckDB's default max_line_size: the longest line (row) its CSV reader reads, in bytes. */
export const DEFAULT_MAX_LINE_SIZE = 2_000_000;
/** The most an import may raise it to: DuckDB sizes its read buffers by it (5 GB fails to allocate). */
export const MAX_LINE_SIZE_LIMIT = 512 * 1024 * 1024;

/**
 * What an import does with CSV rows whose number of fields differs from the header's: `skip` leaves
 * them out, `pad` keeps a row with fewer fields (NULL in the missing ones) and leaves out one with
 * more, `fail` fails the import naming the first. Either way the lint lists them.
 */
export const raggedRowsModes = ['skip', 'pad', 'fail'] as const;
export const raggedRowsModeSchema = z.enum(raggedRowsModes);
export type RaggedRowsMode = z.infer<typeof raggedRowsModeSchema>;

/** What the user may override; anything left out is detected. */
export const importOptionsSchema = z
  .object({
    format: datasetFormatSchema.optional(),
    /** One character, or the two characters `\t` for a tab. */
    delimiter: z.string().min(1).max(4).optional(),
    /** The quote character; an empty string means fields are never quoted. */
    quote: z.string().max(1).optional(),
    escape: z.string().max(1).optional(),
    header: z.boolean().optional(),
    encoding: csvEncodingSchema.optional(),
    /** Lines to skip before the header (or the first row). */
    skipRows: z.number().int().min(0).max(1_000_000).optional(),
    /** Column name → DuckDB type, overriding the detected type. */
    columnTypes: z.record(z.string().min(1), duckDbTypeSchema).optional(),
    /** Import a uniform random sample of this many rows instead of every row (like `shuf -n`). */
    sampleRows: z.number().int().positive().max(1_000_000_000).optional(),
    /** The longest CSV line (row) to read, in bytes; DEFAULT_MAX_LINE_SIZE when left out. */
    maxLineSize: z.number().int().positive().max(MAX_LINE_SIZE_LIMIT).optional(),
    /** Rows with more or fewer fields than the header; `skip` when left out. */
    raggedRows: raggedRowsModeSchema.optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** The CSV/TSV settings an import actually used, detected or given. */
export const csvSettingsSchema = z.object({
  delimiter: z.string(),
  quote: z.string(),
  escape: z.string(),
  hasHeader: z.boolean(),
  encoding: csvEncodingSchema,
  skipRows: z.number().int().nonnegative(),
  columnTypes: z.record(z.string(), z.string()),
  /** Absent in manifests written before it was recorded (they read with the default). */
  maxLineSize: z.number().int().positive().optional(),
  /** Absent in manifests written before it was recorded (they skipped ragged rows). */
  raggedRows: raggedRowsModeSchema.optional(),
});
export type CsvSettings = z.infer<typeof csvSettingsSchema>;

const manifestSourceSchema = z.object({
  fileName: z.string(),
  /** Where the file was read from; null for a file uploaded through a browser window. */
  path: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
  modifiedAt: z.string(),
});

const manifestCommon = {
  slug: z.string(),
  name: z.string(),
  source: manifestSourceSchema,
  data: z.object({ file: z.literal('data.parquet'), sizeBytes: z.number().int().nonnegative() }),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  importedAt: z.string(),
};

/** Written before formats other than CSV existed; still read. */
export const datasetManifestV1Schema = z.object({
  schemaVersion: z.literal(1),
  format: z.enum(['csv']),
  csv: csvOptionsSchema,
  ...manifestCommon,
});

export const datasetManifestV2Schema = z.object({
  schemaVersion: z.literal(2),
  format: datasetFormatSchema,
  /** Present for csv and tsv. */
  csv: csvSettingsSchema.optional(),
  /** Present when only a random sample of the source's rows was imported. */
  sample: z.object({ rows: z.number().int().positive() }).optional(),
  ...manifestCommon,
});

export const datasetManifestSchema = z.discriminatedUnion('schemaVersion', [
  datasetManifestV1Schema,
  datasetManifestV2Schema,
]);
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;

/** A preview cell: nested values (lists, structs) arrive as JSON text. */
export const previewCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const datasetPreviewSchema = z.object({
  fileName: z.string(),
  format: datasetFormatSchema,
  /** Present for csv and tsv: the settings the preview was read with. */
  csv: csvSettingsSchema.optional(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(previewCellSchema)).max(50),
});
export type DatasetPreview = z.infer<typeof datasetPreviewSchema>;

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
  'datasets.discardUpload': procedure({
    input: z.object({ uploadId: z.string().regex(/^[a-f0-9-]{36}$/) }),
    output: z.object({ discarded: z.literal(true) }),
    summary: 'Remove a browser upload the user decided not to import (idempotent).',
  }),
  'datasets.preview': procedure({
    input: z.object({ source: importSourceSchema, options: importOptionsSchema.optional() }),
    output: datasetPreviewSchema,
    summary:
      'The first rows of a file as an import with these options would read them (reads the head only).',
  }),
  'datasets.import': procedure({
    input: z.object({
      source: importSourceSchema,
      name: z.string().trim().min(1).max(120).optional(),
      options: importOptionsSchema.optional(),
    }),
    output: jobSchema,
    summary:
      'Import a CSV, TSV, Parquet, JSON or NDJSON file into the workspace as Parquet and profile it; returns the job at once.',
  }),
  'datasets.exportReport': procedure({
    input: z.object({ slug: slugSchema, format: z.enum(['html', 'json']) }),
    output: jobSchema,
    summary: 'Write the profile as one self-contained HTML report or JSON; the job result is { path }.',
  }),
} as const;
