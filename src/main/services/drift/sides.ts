import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DriftSide } from '../../../shared/contract/drift.js';
import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { DatasetService } from '../datasets/index.js';
import { sha256File } from '../datasets/index.js';
import { sqlIdentifier, sqlString, type DuckDb } from '../duckdb/index.js';
import type { Workspace } from '../workspace/index.js';

/** A side as DuckDB reads it, with what the report records about it. */
export interface ResolvedSide {
  sql: string;
  label: string;
  /** A short name for report folders: the slug, the file name without extension, the deployment. */
  name: string;
  /** Hashed while the comparison runs: reading a large file twice in a row doubled the wait. */
  sha256: Promise<string>;
  /** The column of each row's time that windows split it by (captures: their capture time). */
  timeColumn: string | null;
}

export interface SideDeps {
  workspace: Workspace;
  duckdb: DuckDb;
  datasets: Pick<DatasetService, 'get' | 'relationOf'>;
}

/** Files may hold tensors this wide at most per row before they are left out of the comparison. */
const MAX_TENSOR_WIDTH = 4096;

export async function resolveSide(
  deps: SideDeps,
  /** A file side's path is one the host has already confined. */
  side: DriftSide,
  signal?: AbortSignal,
): Promise<ResolvedSide> {
  switch (side.kind) {
    case 'dataset': {
      const { manifest } = await deps.datasets.get(side.slug);
      const file = deps.workspace.resolve('datasets', side.slug, 'data.parquet');
      return {
        sql: `read_parquet(${sqlString(file)})`,
        label: `data set ${manifest.name}`,
        name: side.slug,
        sha256: hashedLater(sha256File(file, signal)),
        timeColumn: null,
      };
    }
    case 'file': {
      const relation = await deps.datasets.relationOf(side.path, signal);
      return {
        sql: relation.relationSql,
        label: side.path,
        name: basename(side.path).replace(/\.[^.]*$/, ''),
        sha256: hashedLater(sha256File(side.path, signal)),
        timeColumn: null,
      };
    }
    case 'captures':
      return captureSide(deps, side, signal);
  }
}

/**
 * The captured requests of a deployment between `from` and `to`, one row per predicted row, with
 * each input a column (a 1-D tensor input becomes `name[0]`, `name[1]`, ...) and `ts` its time.
 */
async function captureSide(
  deps: SideDeps,
  side: Extract<DriftSide, { kind: 'captures' }>,
  signal?: AbortSignal,
): Promise<ResolvedSide> {
  const folder = deps.workspace.resolve('captures', side.deployment);
  const range = describeRange(side.from, side.to);
  const label = `captures of ${side.deployment}${range}`;
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const from = side.from ? new Date(side.from).toISOString() : undefined;
  const to = side.to ? new Date(side.to).toISOString() : undefined;
  // Capture files are named by their UTC day: only the days the window touches are read.
  const files = names
    .filter((name) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(name))
    .filter(
      (name) =>
        (!from || name.slice(0, 10) >= from.slice(0, 10)) && (!to || name.slice(0, 10) <= to.slice(0, 10)),
    )
    .sort()
    .map((name) => join(folder, name));
  if (files.length === 0)
    throw new WorkbenchError({
      code: 'DATASET_EMPTY',
      message: `There are no ${label}: ${names.length === 0 ? `captures/${side.deployment}/ has no capture files` : 'no capture file falls in that time window'}.`,
      hint: 'Run the deployment with capture on (mlw container run BUILD --capture) and send it requests, or widen the time window.',
      details: { captures: side.deployment },
    });
  const read = `read_json([${files.map(sqlString).join(', ')}], format = 'newline_delimited', union_by_name = true)`;
  // The server writes ISO times in UTC; DuckDB detects them as TIMESTAMP, or VARCHAR when a line
  // differs, so both read the same way through text.
  const ts = `replace(replace(ts::VARCHAR, 'T', ' '), 'Z', '')::TIMESTAMP`;
  const utc = (iso: string) => `${sqlString(iso.replace('T', ' ').replace('Z', ''))}::TIMESTAMP`;
  const conditions = [...(from ? [`${ts} >= ${utc(from)}`] : []), ...(to ? [`${ts} < ${utc(to)}`] : [])];
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const columns = await deps.duckdb
    .withConnection(async (session) => {
      const inputs = await session.rows(`DESCRIBE SELECT unnest(inputs) FROM ${read}`, { signal });
      const listed: string[] = [];
      for (const row of inputs) {
        const name = String(row.column_name);
        const type = String(row.column_type);
        const id = `inputs.${sqlIdentifier(name)}`;
        if (!type.endsWith('[]')) listed.push(`${id} AS ${sqlIdentifier(name)}`);
        else if (!type.slice(0, -2).includes('[')) {
          const [widths] = await session.rows(
            `SELECT count(*) AS n, min(len(${id})) AS low, max(len(${id})) AS high FROM ${read}${where}`,
            { signal },
          );
          if (Number(widths?.n ?? 0) === 0)
            throw new WorkbenchError({
              code: 'DATASET_EMPTY',
              message: `There are no ${label}: no request was captured in that time window.`,
              hint: 'Send the deployment requests, or widen the time window.',
              details: { captures: side.deployment },
            });
          const width = Number(widths?.high ?? 0);
          if (width > 0 && width <= MAX_TENSOR_WIDTH && Number(widths?.low) === width)
            for (let i = 0; i < width; i++)
              listed.push(`${id}[${i + 1}] AS ${sqlIdentifier(`${name}[${i}]`)}`);
        }
      }
      return listed;
    })
    .catch((error: unknown) => {
      if (isWorkbenchError(error)) throw error;
      throw new WorkbenchError({
        code: 'DATASET_PARSE',
        message: `The ${label} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'A capture file may have been edited or cut off; move the broken file out of the folder and try again.',
      });
    });
  if (columns.length === 0)
    throw new WorkbenchError({
      code: 'DATASET_PARSE',
      message: `The ${label} hold no inputs that can be compared: every input is a nested tensor (an image, a sequence).`,
      hint: 'Drift compares tabular features: scalars or one row of values per request row.',
    });
  return {
    sql: `(SELECT ${ts} AS ts, ${columns.join(', ')} FROM ${read}${where})`,
    label,
    name: side.deployment,
    sha256: hashedLater(hashFiles(files, signal)),
    timeColumn: 'ts',
  };
}

/** A hash awaited only once the comparison is done: its failure must not go unhandled before then. */
function hashedLater(hash: Promise<string>): Promise<string> {
  hash.catch(() => undefined);
  return hash;
}

function describeRange(from: string | undefined, to: string | undefined): string {
  if (from && to) return ` from ${from} to ${to}`;
  if (from) return ` since ${from}`;
  if (to) return ` until ${to}`;
  return '';
}

async function hashFiles(files: readonly string[], signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files)
    for await (const chunk of createReadStream(file, { signal, highWaterMark: 1024 * 1024 }))
      hash.update(chunk as Buffer);
  return hash.digest('hex');
}
