import type { CsvSettings, DatasetFormat, ImportOptions } from '../../../../shared/contract/datasets.js';
import { sqlString, type DuckDbSession } from '../../duckdb/index.js';
import { assertJsonShape } from '../jsonShape.js';
import { assertText, type InspectedSource } from '../sourceFile.js';
import { readCsvSql, resolveCsvLayout, resolveCsvSettings, type CsvLayout } from './csv.js';
import { detectEncoding, detectFormat } from './detect.js';
import { readerError } from './readerError.js';

/** How to read one source: a DuckDB table function call, and the settings it was built from. */
export interface ResolvedReader {
  format: DatasetFormat;
  relationSql: string;
  csv?: CsvSettings;
  /** Present when short rows are padded (see CsvLayout). */
  csvLayout?: CsvLayout;
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
      // Deeply nested JSON crashes DuckDB's reader, and records that are not objects read as NULL
      // rows or one JSON column: refuse both before DuckDB sees the file.
      await assertJsonShape(source.path, source.fileName, detected, signal);
      const mode = detected === 'ndjson' ? 'newline_delimited' : 'auto';
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
      if (csv.raggedRows !== 'pad') return { format, relationSql: readCsvSql(source.path, csv), csv };
      const csvLayout = await resolveCsvLayout(session, source.path, csv, signal).catch(
        async (error: unknown) => {
          throw await readerError(source, format, error, signal, csv);
        },
      );
      const relationSql = readCsvSql(source.path, csv, { layout: csvLayout, nullPadding: true });
      return { format, relationSql, csv, csvLayout };
    }
  }
}
