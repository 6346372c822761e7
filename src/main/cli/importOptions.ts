import type { Command } from 'commander';
import {
  DEFAULT_MAX_LINE_SIZE,
  MAX_LINE_SIZE_LIMIT,
  csvEncodings,
  datasetFormats,
  importOptionsSchema,
  raggedRowsModes,
  type DatasetPreview,
  type ImportOptions,
} from '../../shared/contract/datasets.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { line } from './terminalText.js';
import { formatTable } from './formatTable.js';

/** The flags `data import` and `data preview` share; each maps to one field of ImportOptions. */
export interface ImportFlags {
  format?: string;
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  encoding?: string;
  skip?: string;
  sample?: string;
  type?: string[];
  maxLineSize?: string;
  ragged?: string;
}

export function addImportFlags(command: Command): Command {
  return command
    .option('--format <format>', `read the file as ${datasetFormats.join(', ')} (default: detected)`)
    .option('--delimiter <char>', 'CSV field delimiter, e.g. ";" or "\\t" (default: detected)')
    .option('--quote <char>', 'CSV quote character; "" for none (default: detected)')
    .option('--escape <char>', 'CSV escape character (default: detected)')
    .option('--header', 'the first line holds column names (default: detected)')
    .option('--no-header', 'the first line is data')
    .option('--encoding <encoding>', `CSV text encoding: ${csvEncodings.join(', ')} (default: detected)`)
    .option('--skip <n>', 'lines to skip before the header')
    .option('--sample <n>', 'import a uniform random sample of N rows (like shuf -n)')
    .option(
      '--ragged <mode>',
      `rows with more or fewer fields than the header: ${raggedRowsModes.join(', ')} (skip: leave them out; pad: keep short rows with NULLs; fail: fail the import; default: skip)`,
    )
    .option(
      '--max-line-size <bytes>',
      `the longest CSV line (row) to read, in bytes (default: ${DEFAULT_MAX_LINE_SIZE}; at most ${MAX_LINE_SIZE_LIMIT})`,
    )
    .option(
      '--type <column=TYPE>',
      'read a column as this DuckDB type, e.g. --type zip=VARCHAR (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    );
}

/** Turns flags into validated ImportOptions; a bad value is a usage error naming the flag. */
export function importOptionsFromFlags(flags: ImportFlags): ImportOptions {
  const columnTypes: Record<string, string> = {};
  for (const pair of flags.type ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw usage(`--type ${pair}: write it as column=TYPE, e.g. zip=VARCHAR.`);
    columnTypes[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const candidate = {
    ...(flags.format !== undefined ? { format: flags.format } : {}),
    ...(flags.delimiter !== undefined ? { delimiter: flags.delimiter } : {}),
    ...(flags.quote !== undefined ? { quote: flags.quote } : {}),
    ...(flags.escape !== undefined ? { escape: flags.escape } : {}),
    ...(flags.header !== undefined ? { header: flags.header } : {}),
    ...(flags.encoding !== undefined ? { encoding: flags.encoding.toLowerCase() } : {}),
    ...(flags.skip !== undefined ? { skipRows: integer('--skip', flags.skip) } : {}),
    ...(flags.sample !== undefined ? { sampleRows: integer('--sample', flags.sample) } : {}),
    ...(flags.ragged !== undefined ? { raggedRows: flags.ragged.toLowerCase() } : {}),
    ...(flags.maxLineSize !== undefined
      ? { maxLineSize: integer('--max-line-size', flags.maxLineSize) }
      : {}),
    ...(Object.keys(columnTypes).length > 0 ? { columnTypes } : {}),
  };
  const parsed = importOptionsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? 'options';
    throw usage(`Invalid import option ${field}: ${issue?.message ?? 'not allowed'}.`);
  }
  return parsed.data;
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw usage(`${flag} needs a whole number, not "${value}".`);
  return Number(value);
}

function usage(message: string): WorkbenchError {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message,
    hint: 'See mlw data import --help for the options.',
  });
}

/** The preview as a settings line and a table of the first rows. */
export function renderPreview(preview: DatasetPreview): string {
  const settings = preview.csv
    ? `${preview.format}: delimiter ${JSON.stringify(preview.csv.delimiter)}, quote ${JSON.stringify(preview.csv.quote)}, header ${preview.csv.hasHeader ? 'yes' : 'no'}, encoding ${preview.csv.encoding}, skip ${preview.csv.skipRows}`
    : preview.format;
  const table = formatTable(
    preview.rows.map((row) => row),
    preview.columns.map((column, i) => ({
      header: `${column.name} (${column.type})`,
      value: (row: (typeof preview.rows)[number]) => (row[i] === null ? '' : String(row[i])),
      maxWidth: 24,
    })),
  );
  return `${line`${preview.fileName} read as ${settings}`}\n\n${table}`;
}
