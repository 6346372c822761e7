import type { CsvSettings, DatasetFormat, ImportOptions } from '../../../../shared/contract/datasets.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { sqlString, type DuckDbSession } from '../../duckdb/index.js';
import { assertJsonDepth } from '../jsonDepth.js';
import { assertText, type InspectedSource } from '../sourceFile.js';
import { readCsvSql, resolveCsvSettings } from './csv.js';
import { detectEncoding, detectFormat } from './detect.js';
import { readerError } from './readerError.js';

/** How to read one source: a DuckDB table function call, and the settings it was built from. */
export interface ResolvedReader {
  format: DatasetFormat;
  relationSql: string;
  csv?: CsvSettings;
}

/** Detects the format (unless given), checks the file can be read that way and returns the reader. */
export async function resolveReader(
  session: DuckDbSession,
  source: InspectedSource,
  options: ImportOptions,
  signal?: AbortSignal,
): Promise<ResolvedReader> {
  const detected = options.format ?? detectFormat(source.fileName, source.head);
  switch (detected) {
    case 'parquet': {
      const relationSql = `read_parquet(${sqlString(source.path)})`;
      // The footer holds the schema; reading it fails fast on a truncated or corrupt file.
      await session
        .rows(`SELECT count(*) AS n FROM parquet_schema(${sqlString(source.path)})`, { signal })
        .catch(async (error: unknown) => {
          throw await readerError(source, 'parquet', error, signal);
        });
      return { format: 'parquet', relationSql };
    }
    case 'json':
    case 'ndjson': {
      assertText(source);
      // Deeply nested JSON crashes DuckDB's reader: refuse it before DuckDB sees it.
      await assertJsonDepth(source.path, source.fileName, signal);
      const mode = detected === 'ndjson' ? 'newline_delimited' : 'auto';
      await assertObjects(session, source, detected, mode, signal);
      return { format: detected, relationSql: `read_json(${sqlString(source.path)}, format = '${mode}')` };
    }
    case 'csv':
    case 'tsv': {
      const encoding = options.encoding ?? detectEncoding(source.head);
      if (encoding !== 'utf-16') assertText(source);
      const tsv = detected === 'tsv' && options.delimiter === undefined;
      const csv = await resolveCsvSettings(
        session,
        source,
        source.head,
        { ...options, encoding },
        tsv,
        signal,
      );
      // A text file without a telling extension whose delimiter is a tab is a TSV.
      const format = options.format ?? (csv.delimiter === '\t' ? 'tsv' : detected);
      return { format, relationSql: readCsvSql(source.path, csv), csv };
    }
  }
}

/**
 * A data set is rows of named fields: a JSON array of numbers or a lone string would become one
 * column called "json", which is never what the user meant. Check the first record only, so this
 * stays cheap on big files.
 */
async function assertObjects(
  session: DuckDbSession,
  source: InspectedSource,
  format: 'json' | 'ndjson',
  mode: string,
  signal?: AbortSignal,
): Promise<void> {
  const [first] = await session
    .rows(
      `SELECT json_type(json) AS kind FROM read_json_objects(${sqlString(source.path)}, format = '${mode}') LIMIT 1`,
      { signal },
    )
    .catch(async (error: unknown) => {
      throw await readerError(source, format, error, signal);
    });
  const kind = typeof first?.kind === 'string' ? first.kind : 'nothing';
  if (kind === 'OBJECT') return;
  const what =
    format === 'ndjson' ? 'one JSON object per line' : 'an array of JSON objects (or one object per line)';
  throw new WorkbenchError({
    code: 'DATASET_PARSE',
    message: `Cannot import ${source.fileName}: it is JSON, but its records are ${describeKind(kind)}, not objects with named fields.`,
    hint: `A data set needs ${what}, e.g. [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}].`,
    details: { path: source.path, firstRecord: kind },
  });
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'ARRAY':
      return 'arrays';
    case 'VARCHAR':
      return 'strings';
    case 'BIGINT':
    case 'UBIGINT':
    case 'DOUBLE':
      return 'numbers';
    case 'BOOLEAN':
      return 'true/false values';
    case 'NULL':
      return 'nulls';
    default:
      return kind.toLowerCase();
  }
}
