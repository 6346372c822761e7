import { z } from 'zod';
import { procedure } from './define.js';
import { jobSchema } from './jobs.js';

/**
 * A notebook's file name without `.ipynb`: anything a file name may hold on Windows, macOS and Linux
 * (so "analysis (1)" from a browser download opens), without leading dots or spaces (hidden or
 * invisible) or trailing ones (Windows drops them).
 */
export const notebookNameSchema = z
  .string()
  .trim()
  .regex(
    // Control characters are refused too: no file name should hold them.
    // eslint-disable-next-line no-control-regex
    /^[^<>:"/\\|?*\u0000-\u001f.\s][^<>:"/\\|?*\u0000-\u001f]{0,99}$/,
    'a notebook name: up to 100 characters, none of < > : " / \\ | ? *',
  )
  .refine((name) => !name.endsWith('.'), 'a notebook name cannot end with a dot');

export const cellLanguageSchema = z.enum(['sql', 'javascript']);
export type CellLanguage = z.infer<typeof cellLanguageSchema>;

export const tableOutputSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  /** At most `limit` rows, as JSON-safe values (big integers and dates become strings). */
  rows: z.array(z.array(z.unknown())),
  totalRows: z.number().int().nonnegative(),
  /** True when `rows` is not the whole result (a page of it, or the first `limit` rows). */
  truncated: z.boolean(),
  /** The 0-based index in the result of `rows[0]`, when the rows are a later page. */
  offset: z.number().int().nonnegative().optional(),
  elapsedMs: z.number().nonnegative(),
});
export type TableOutput = z.infer<typeof tableOutputSchema>;

export const chartTypeSchema = z.enum(['histogram', 'bar', 'line', 'scatter', 'box']);
export type ChartType = z.infer<typeof chartTypeSchema>;

export const chartSpecSchema = z.object({
  type: chartTypeSchema,
  x: z.string(),
  y: z.string().optional(),
  title: z.string().optional(),
  bins: z.number().int().min(2).max(200).optional(),
  /** The data the chart draws (rows as objects), capped so a notebook file stays small. */
  data: z.array(z.record(z.string(), z.unknown())).max(5000),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;

export const cellOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), table: tableOutputSchema }),
  z.object({ kind: z.literal('chart'), chart: chartSpecSchema }),
  z.object({ kind: z.literal('text'), text: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }),
  z.object({ kind: z.literal('markdown'), text: z.string() }),
  z.object({
    kind: z.literal('error'),
    ename: z.string(),
    evalue: z.string(),
    /** 1-based position in the cell's source that the error points at, when known. */
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
  }),
]);
export type CellOutput = z.infer<typeof cellOutputSchema>;

export const notebookCellSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.enum(['markdown', 'code']),
  /** For code cells; markdown cells ignore it. */
  language: cellLanguageSchema,
  source: z.string(),
  outputs: z.array(cellOutputSchema),
  executionCount: z.number().int().positive().nullable(),
  /** How long the last run took, in milliseconds. */
  elapsedMs: z.number().nonnegative().nullable(),
});
export type NotebookCell = z.infer<typeof notebookCellSchema>;

export const notebookDocumentSchema = z.object({ cells: z.array(notebookCellSchema).max(2000) });
export type NotebookDocument = z.infer<typeof notebookDocumentSchema>;

export const notebookSummarySchema = z.object({
  name: notebookNameSchema,
  modifiedAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type NotebookSummary = z.infer<typeof notebookSummarySchema>;

/** A notebook as read: `revision` is the file's content hash, sent back with a save. */
export const notebookFileSchema = z.object({
  name: notebookNameSchema,
  revision: z.string(),
  document: notebookDocumentSchema,
});
export type NotebookFile = z.infer<typeof notebookFileSchema>;

export const notebookTemplateSchema = z.enum(['blank', 'eda']);

/** The most rows one call converts and sends; read more by pages (`offset`). */
export const SQL_MAX_ROWS = 100_000;

export const sqlRunInputSchema = z.object({
  notebook: notebookNameSchema,
  sql: z.string().min(1).max(1_000_000),
  limit: z.number().int().min(1).max(SQL_MAX_ROWS).default(1000),
  /** Rows of the result to skip (counted, not converted): the start of a page. */
  offset: z.number().int().nonnegative().default(0),
});

export const sampleSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  fileName: z.string(),
  rows: z.number().int().nonnegative(),
  notebook: z.string(),
});
export type Sample = z.infer<typeof sampleSchema>;

const byName = z.object({ name: notebookNameSchema });

export const notebooksContract = {
  'notebooks.list': procedure({
    input: z.object({}),
    output: z.array(notebookSummarySchema),
    summary: 'Notebooks in the workspace, most recently changed first.',
  }),
  'notebooks.get': procedure({
    input: byName,
    output: notebookFileSchema,
    summary: 'Reads a notebook; refuses a file that is not valid nbformat 4.',
  }),
  'notebooks.create': procedure({
    input: byName.extend({
      template: notebookTemplateSchema.default('blank'),
      dataset: z.string().optional(),
    }),
    output: notebookFileSchema,
    summary: 'Creates a notebook from a template.',
  }),
  'notebooks.save': procedure({
    input: byName.extend({ revision: z.string(), document: notebookDocumentSchema }),
    output: z.object({ revision: z.string(), savedAt: z.string() }),
    summary: 'Saves the whole notebook if the file is still at `revision` (else a conflict error).',
  }),
  'notebooks.rename': procedure({
    input: byName.extend({ to: notebookNameSchema }),
    output: notebookSummarySchema,
    summary:
      'Renames a notebook file in the notebooks folder; refuses a name another notebook has (ignoring case).',
  }),
  'notebooks.delete': procedure({
    input: byName,
    output: z.object({ trashedAs: z.string() }),
    summary: 'Moves a notebook to notebooks/.trash (never deletes it).',
  }),
  'notebooks.runSql': procedure({
    input: sqlRunInputSchema,
    output: jobSchema,
    summary:
      "Runs SQL in the notebook's DuckDB session as a job; the job result is a TableOutput holding at most `limit` rows from `offset` on, with the total row count.",
  }),
  'notebooks.cancel': procedure({
    input: z.object({ notebook: notebookNameSchema }),
    output: z.object({ cancelled: z.boolean() }),
    summary: "Interrupts the notebook's running query, if any.",
  }),
  'samples.list': procedure({
    input: z.object({}),
    output: z.array(sampleSchema),
    summary: 'Sample data sets shipped with the app.',
  }),
  'samples.import': procedure({
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ job: jobSchema.nullable(), notebook: notebookNameSchema }),
    summary: 'Imports a sample (job is null when it is already there) and writes its example notebook.',
  }),
} as const;
