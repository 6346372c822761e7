import { z } from 'zod';
import {
  chartSpecSchema,
  tableOutputSchema,
  type CellOutput,
  type NotebookCell,
  type NotebookDocument,
} from '../../../shared/contract/notebooks.js';
import { tableToHtml, tableToText } from './tableText.js';

/**
 * The nbformat 4 rules we write and accept (a subset of the official JSON schema, strict where
 * Jupyter is strict), so a file we save opens in Jupyter and VS Code, and a broken file is refused.
 */
const multiline = z.union([z.string(), z.array(z.string())]);
const mimeBundle = z.record(z.string(), z.unknown()).superRefine((bundle, ctx) => {
  for (const [mime, value] of Object.entries(bundle)) {
    const isJson = /^application\/(.*\+)?json$/.test(mime);
    if (!isJson && !multiline.safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: `${mime} must be a string or a list of strings` });
    }
  }
});
const metadata = z.record(z.string(), z.unknown());
const executionCount = z.number().int().nonnegative().nullable();

const outputSchema = z.discriminatedUnion('output_type', [
  z.strictObject({
    output_type: z.literal('execute_result'),
    execution_count: executionCount,
    data: mimeBundle,
    metadata,
  }),
  z.strictObject({ output_type: z.literal('display_data'), data: mimeBundle, metadata }),
  z.strictObject({ output_type: z.literal('stream'), name: z.enum(['stdout', 'stderr']), text: multiline }),
  z.strictObject({
    output_type: z.literal('error'),
    ename: z.string(),
    evalue: z.string(),
    traceback: z.array(z.string()),
  }),
]);
type IpynbOutput = z.infer<typeof outputSchema>;

const cellId = z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/);
const cellSchema = z.discriminatedUnion('cell_type', [
  z.strictObject({
    id: cellId,
    cell_type: z.literal('code'),
    metadata,
    source: multiline,
    execution_count: executionCount,
    outputs: z.array(outputSchema),
  }),
  z.strictObject({
    id: cellId,
    cell_type: z.literal('markdown'),
    metadata,
    source: multiline,
    attachments: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({
    id: cellId,
    cell_type: z.literal('raw'),
    metadata,
    source: multiline,
    attachments: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const ipynbSchema = z.strictObject({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().min(5),
  metadata,
  cells: z.array(cellSchema),
});
export type Ipynb = z.infer<typeof ipynbSchema>;

const mlwMetadata = z.object({
  language: z.enum(['sql', 'javascript']).optional(),
  elapsedMs: z.number().nonnegative().optional(),
});

const TABLE_MIME = 'application/vnd.mlw.table+json';
const CHART_MIME = 'application/vnd.mlw.chart+json';

const joinSource = (source: string | string[]): string => (Array.isArray(source) ? source.join('') : source);
/** Jupyter's convention: lines kept with their newline, so diffs of a notebook read line by line. */
const splitSource = (source: string): string[] => source.split(/(?<=\n)/).filter((line) => line !== '');

export function toIpynb(document: NotebookDocument): Ipynb {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'mlw', display_name: 'MLOps Workbench (DuckDB SQL, JavaScript)', language: 'sql' },
      language_info: { name: 'sql', file_extension: '.sql', mimetype: 'application/sql' },
      mlw: { schemaVersion: 1 },
    },
    cells: document.cells.map((cell) => {
      if (cell.type === 'markdown') {
        return { id: cell.id, cell_type: 'markdown', metadata: {}, source: splitSource(cell.source) };
      }
      return {
        id: cell.id,
        cell_type: 'code',
        metadata: {
          mlw: { language: cell.language, ...(cell.elapsedMs === null ? {} : { elapsedMs: cell.elapsedMs }) },
          vscode: { languageId: cell.language },
        },
        source: splitSource(cell.source),
        execution_count: cell.executionCount,
        outputs: cell.outputs.map((output) => outputToIpynb(output, cell.executionCount)),
      };
    }),
  };
}

function outputToIpynb(output: CellOutput, count: number | null): IpynbOutput {
  switch (output.kind) {
    case 'table':
      return {
        output_type: 'execute_result',
        execution_count: count,
        data: {
          [TABLE_MIME]: output.table,
          'text/html': tableToHtml(output.table),
          'text/plain': tableToText(output.table),
        },
        metadata: {},
      };
    case 'chart':
      return {
        output_type: 'display_data',
        data: {
          [CHART_MIME]: output.chart,
          'text/plain': `<${output.chart.type} chart of ${output.chart.x}>`,
        },
        metadata: {},
      };
    case 'markdown':
      return {
        output_type: 'display_data',
        data: { 'text/markdown': output.text, 'text/plain': output.text },
        metadata: {},
      };
    case 'text':
      return { output_type: 'stream', name: output.stream ?? 'stdout', text: output.text };
    case 'error': {
      const where = output.line
        ? [`at line ${output.line}${output.column ? `, column ${output.column}` : ''}`]
        : [];
      return { output_type: 'error', ename: output.ename, evalue: output.evalue, traceback: where };
    }
  }
}

export function fromIpynb(notebook: Ipynb): NotebookDocument {
  const defaultLanguage = readLanguage(notebook.metadata.language_info) ?? 'sql';
  const cells: NotebookCell[] = notebook.cells.map((cell) => {
    const source = joinSource(cell.source);
    if (cell.cell_type !== 'code') {
      return {
        id: cell.id,
        type: 'markdown',
        language: 'sql',
        source,
        outputs: [],
        executionCount: null,
        elapsedMs: null,
      };
    }
    const mlw = mlwMetadata.safeParse(cell.metadata.mlw);
    const language =
      (mlw.success ? mlw.data.language : undefined) ??
      readLanguage(cell.metadata.vscode, 'languageId') ??
      defaultLanguage;
    return {
      id: cell.id,
      type: 'code',
      language,
      source,
      outputs: cell.outputs.map(outputFromIpynb),
      executionCount: cell.execution_count === 0 ? null : cell.execution_count,
      elapsedMs: mlw.success ? (mlw.data.elapsedMs ?? null) : null,
    };
  });
  return { cells };
}

function readLanguage(value: unknown, key = 'name'): 'sql' | 'javascript' | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as Record<string, unknown>)[key];
  if (name === 'sql') return 'sql';
  if (name === 'javascript' || name === 'typescript') return 'javascript';
  return undefined;
}

function outputFromIpynb(output: IpynbOutput): CellOutput {
  if (output.output_type === 'stream') {
    const text = joinSource(output.text);
    return output.name === 'stderr' ? { kind: 'text', text, stream: 'stderr' } : { kind: 'text', text };
  }
  if (output.output_type === 'error') {
    const where = /line (\d+)(?:, column (\d+))?/.exec(output.traceback.join('\n'));
    return {
      kind: 'error',
      ename: output.ename,
      evalue: output.evalue,
      ...(where?.[1] ? { line: Number(where[1]) } : {}),
      ...(where?.[2] ? { column: Number(where[2]) } : {}),
    };
  }
  const table = tableOutputSchema.safeParse(output.data[TABLE_MIME]);
  if (table.success) return { kind: 'table', table: table.data };
  const chart = chartSpecSchema.safeParse(output.data[CHART_MIME]);
  if (chart.success) return { kind: 'chart', chart: chart.data };
  const markdown = output.data['text/markdown'];
  if (markdown !== undefined) return { kind: 'markdown', text: joinSource(markdown as string | string[]) };
  const plain = output.data['text/plain'];
  return { kind: 'text', text: plain === undefined ? '' : joinSource(plain as string | string[]) };
}

/** A readable one-line reason from a failed parse, naming where in the file it is. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not follow nbformat 4';
  const path = issue.path.length ? issue.path.join('.') : 'the top level';
  return `${path}: ${issue.message}`;
}
