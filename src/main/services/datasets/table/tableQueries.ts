import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { profileSchema, type Profile } from '../../../../shared/contract/datasets.js';
import { WorkbenchError, cancelledError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import type { ColumnStats, TableColumn, TableRows } from '../../../../shared/contract/tables.js';
import { confinementError, sqlString, type DuckDb, type DuckDbSession } from '../../duckdb/index.js';
import type { Workspace } from '../../workspace/index.js';
import { toCell } from './cells.js';
import { createOrderCache } from './orderCache.js';
import {
  countSql,
  orderSql,
  pageSql,
  rowsAtSql,
  unknownColumn,
  type SqlParam,
  type TableQueryShape,
} from './tableSql.js';

export interface TableQueryInput extends TableQueryShape {
  slug: string;
  queryId?: string | undefined;
}

export interface TableQueries {
  rows(input: TableQueryInput & { offset: number; limit: number }, signal?: AbortSignal): Promise<TableRows>;
  count(input: TableQueryInput, signal?: AbortSignal): Promise<{ total: number; elapsedMs: number }>;
  /** Interrupts the in-flight query started with this id; false when there is none. */
  cancel(queryId: string): boolean;
  columnStats(slug: string, column: string): Promise<ColumnStats>;
}

/** Pages before this offset use DuckDB's top-N (cheap); deeper ones read the stored view order. */
const DEEP_OFFSET = 5_000;

export interface TableQueriesDeps {
  workspace: Workspace;
  /** A getter so a host can open DuckDB on first use rather than at start. */
  duckdb: DuckDb | (() => Promise<DuckDb>);
  /**
   * The stored profile the header's hover card reads; the dataset service's own reader (which
   * upgrades older profiles) when the host passes it, else profile.json as it is.
   */
  profileOf?: (slug: string) => Promise<Profile>;
  /** Where deep pages start (default 5,000); tests lower it to cover both paths on small files. */
  deepOffset?: number;
}

interface FileSchema {
  stamp: string;
  columns: TableColumn[];
  rows: number;
}

export function createTableQueries({
  workspace,
  duckdb,
  deepOffset = DEEP_OFFSET,
  profileOf = (slug) => workspace.readJson(join('datasets', slug, 'profile.json'), profileSchema),
}: TableQueriesDeps): TableQueries {
  const getDuckDb = typeof duckdb === 'function' ? duckdb : () => Promise.resolve(duckdb);
  const inFlight = new Map<string, AbortController>();
  // DESCRIBE and the row count cost a few ms; a page is ~10 ms, so cache them per file version.
  const schemas = new Map<string, FileSchema>();

  const parquetPath = (slug: string): string => join(workspace.folder('datasets'), slug, 'data.parquet');

  const schemaOf = async (slug: string, session: DuckDbSession): Promise<FileSchema> => {
    const path = parquetPath(slug);
    const info = await stat(path).catch(() => {
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `There is no data set "${slug}" in this workspace.`,
        hint: 'Import it first, or pick one from the Data list.',
      });
    });
    const stamp = `${info.mtimeMs}:${info.size}`;
    const cached = schemas.get(slug);
    if (cached?.stamp === stamp) return cached;
    const described = (await session.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`)).map(
      (row) => ({ name: text(row.column_name), type: text(row.column_type) }),
    );
    // Parquet's footer holds the row count: the unfiltered total without a scan.
    const [counted] = await session.rowArrays(
      `SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata(${sqlString(path)})`,
    );
    const schema = { stamp, columns: described, rows: Number(counted?.[0] ?? 0) };
    schemas.set(slug, schema);
    return schema;
  };

  /** Runs one query on its own connection, interruptible by the caller's signal or by queryId. */
  const run = async <T>(
    queryId: string | undefined,
    signal: AbortSignal | undefined,
    work: (session: DuckDbSession, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (queryId) {
      inFlight.get(queryId)?.abort();
      inFlight.set(queryId, controller);
    }
    try {
      const db = await getDuckDb();
      return await db.withConnection((session) => {
        controller.signal.throwIfAborted();
        return work(interruptible(session, controller.signal), controller.signal);
      });
    } catch (error) {
      if (controller.signal.aborted) throw cancelledError('The table query');
      throw toQueryError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (queryId && inFlight.get(queryId) === controller) inFlight.delete(queryId);
    }
  };

  const orders = createOrderCache(getDuckDb);

  /** Fetches rows by file position and returns them in the order asked for. */
  const rowsAt = async (
    session: DuckDbSession,
    path: string,
    columns: TableColumn[],
    rowNumbers: number[],
  ): Promise<unknown[][]> => {
    if (rowNumbers.length === 0) return [];
    const fetched = await session.rowArrays(rowsAtSql(path, columns, rowNumbers));
    const byNumber = new Map(
      fetched.map((row) => [Number(row[columns.length]), row.slice(0, columns.length)]),
    );
    return rowNumbers.map((n) => byNumber.get(n) ?? columns.map(() => null));
  };

  const select = (session: DuckDbSession, query: { sql: string; params: SqlParam[] }) =>
    session.rowArrays(query.sql, { params: query.params });

  return {
    rows: (input, signal) =>
      run(input.queryId, signal, async (session, aborted) => {
        const started = performance.now();
        const schema = await schemaOf(input.slug, session);
        const path = parquetPath(input.slug);
        const filtered = (input.filters ?? []).length > 0;
        const ordered = filtered || (input.sort ?? []).length > 0;
        let raw: unknown[][];
        let cachedTotal: number | undefined;
        if (ordered && input.offset >= deepOffset) {
          const key = JSON.stringify([path, schema.stamp, input.sort ?? [], input.filters ?? []]);
          const order = await orders.page(
            key,
            orderSql(path, schema.columns, input),
            input.offset,
            input.limit,
            aborted,
          );
          raw = await rowsAt(session, path, schema.columns, order.rowNumbers);
          cachedTotal = order.total;
        } else {
          raw = await select(session, pageSql(path, schema.columns, input, input.offset, input.limit));
        }
        const rows = raw.map((row) => row.map((value, j) => toCell(value, schema.columns[j]?.type ?? '')));
        // A short page from offset 0.. proves the filtered total without counting.
        const provenTotal = rows.length < input.limit && (rows.length > 0 || input.offset === 0);
        const total = !filtered
          ? schema.rows
          : (cachedTotal ?? (provenTotal ? input.offset + rows.length : null));
        return {
          columns: schema.columns,
          rows,
          offset: input.offset,
          total,
          datasetRows: schema.rows,
          elapsedMs: performance.now() - started,
        };
      }),
    count: (input, signal) =>
      run(input.queryId, signal, async (session) => {
        const started = performance.now();
        const schema = await schemaOf(input.slug, session);
        if ((input.filters ?? []).length === 0)
          return { total: schema.rows, elapsedMs: performance.now() - started };
        const [row] = await select(session, countSql(parquetPath(input.slug), schema.columns, input));
        return { total: Number(row?.[0] ?? 0), elapsedMs: performance.now() - started };
      }),
    cancel(queryId) {
      const controller = inFlight.get(queryId);
      controller?.abort();
      return controller !== undefined;
    },
    async columnStats(slug, column) {
      const profile = await profileOf(slug);
      const stats = profile.columns.find((candidate) => candidate.name === column);
      if (!stats) throw unknownColumn(column);
      const { name, type, kind, missingPercent, distinct, min, max, mean } = stats;
      return { name, type, kind, missingPercent, distinct, min, max, mean };
    },
  };
}

/** A value the column's type cannot hold is the user's input, not a bug. */
function toQueryError(error: unknown): unknown {
  if (isWorkbenchError(error) || !(error instanceof Error)) return error;
  const outside = confinementError(error.message);
  if (outside) return outside;
  const conversion = /^(Conversion|Invalid Input) Error: (.*)$/s.exec(error.message);
  if (conversion) {
    return new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `A filter value does not fit its column: ${conversion[2]?.split('\n')[0] ?? ''}`,
      hint: 'Use a value of the column type, e.g. a number for a numeric column or 2024-01-31 for a date.',
    });
  }
  return error;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The session with `signal` passed to every statement, so aborting interrupts whichever runs. */
function interruptible(session: DuckDbSession, signal: AbortSignal): DuckDbSession {
  return {
    rows: (sql, options) => session.rows(sql, { ...options, signal }),
    rowArrays: (sql, options) => session.rowArrays(sql, { ...options, signal }),
    run: (sql, options) => session.run(sql, { ...options, signal }),
    script: (sql, page, options) => session.script(sql, page, { ...options, signal }),
    drift: (request, options) => session.drift(request, { ...options, signal }),
  };
}
