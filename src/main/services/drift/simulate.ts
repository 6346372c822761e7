import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulateRequest } from '../../../shared/contract/drift.js';
import { WorkbenchError, cancelledError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import type { DatasetService } from '../datasets/index.js';
import { sqlIdentifier, sqlString, type DuckDb } from '../duckdb/index.js';
import type { JobContext, JobService } from '../jobs/index.js';
import type { Workspace } from '../workspace/index.js';
import { checkShifts, describeShift } from './shiftChecks.js';
import { simulationSql, TIME_COLUMN, type SimulationPlan } from './shiftSql.js';

export interface SimulatorDeps {
  workspace: Workspace;
  jobs: JobService;
  duckdb: DuckDb;
  datasets: Pick<DatasetService, 'get' | 'importFile'>;
  now?: () => Date;
}

export interface Simulator {
  /**
   * Checks the shifts against the source at once, then makes the shifted copy as a job whose
   * result is `{ slug }` of the new data set (a free slug: name-2 when name is taken).
   */
  start(request: SimulateRequest): Promise<Job>;
}

const HOUR_MS = 3_600_000;
const EVERY_MICROS = { hour: HOUR_MS * 1000, day: 24 * HOUR_MS * 1000 } as const;

/** A UTC instant as a DuckDB TIMESTAMP literal. */
const timestampLiteral = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

export function createSimulator(deps: SimulatorDeps): Simulator {
  const now = deps.now ?? (() => new Date());

  /** The source's mean and standard deviation of each column a mean or scale shift moves. */
  async function measure(
    parquetPath: string,
    request: SimulateRequest,
    signal: AbortSignal,
  ): Promise<Map<string, { mean: number; std: number }>> {
    const columns = [
      ...new Set(
        request.shifts
          .filter((shift) => shift.kind === 'mean' || shift.kind === 'scale')
          .map((shift) => shift.column),
      ),
    ];
    if (columns.length === 0) return new Map();
    const [row] = await deps.duckdb.withConnection((session) =>
      session.rows(
        `SELECT ${columns
          .flatMap((column, i) => [
            `avg(${sqlIdentifier(column)})::DOUBLE AS "m${i}"`,
            `stddev_samp(${sqlIdentifier(column)})::DOUBLE AS "s${i}"`,
          ])
          .join(', ')} FROM read_parquet(${sqlString(parquetPath)})`,
        { signal },
      ),
    );
    return new Map(
      columns.map((column, i) => {
        const mean = row?.[`m${i}`];
        const std = row?.[`s${i}`];
        if (typeof mean !== 'number' || typeof std !== 'number' || !(std > 0))
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `${column} has ${typeof mean === 'number' ? 'a single value' : 'no values'} in the source, so it has no spread to shift its mean by or scale.`,
            hint: 'Shift a column whose values vary.',
          });
        return [column, { mean, std }];
      }),
    );
  }

  /** Imports the simulated Parquet through the data sets service and waits for it, cancel included. */
  async function importResult(file: string, name: string, ctx: JobContext): Promise<{ slug: string }> {
    const imported = deps.datasets.importFile({
      source: { path: file, label: `${name}.parquet`, temporary: true },
      name,
    });
    const cancel = () => deps.jobs.cancel(imported.id);
    ctx.signal.addEventListener('abort', cancel, { once: true });
    const stopFollowing = deps.jobs.onUpdate((job) => {
      if (job.id === imported.id && job.progress !== null)
        ctx.progress(0.7 + job.progress * 0.29, job.stage ?? 'Importing');
    });
    try {
      const job = await deps.jobs.wait(imported.id);
      if (job.status === 'succeeded') return job.result as { slug: string };
      if (job.status === 'cancelled') throw cancelledError('The simulation');
      throw new WorkbenchError(
        job.error ?? { code: 'INTERNAL', message: `Importing the simulated rows ended as ${job.status}.` },
      );
    } finally {
      stopFollowing();
      ctx.signal.removeEventListener('abort', cancel);
    }
  }

  return {
    async start(request) {
      const { manifest, profile } = await deps.datasets.get(request.source);
      const distinct = new Map(profile.columns.map((column) => [column.name, column.distinct]));
      checkShifts(
        request,
        manifest.columns.map((column) => ({ ...column, distinct: distinct.get(column.name) ?? 0 })),
        manifest.name,
        manifest.rows,
      );
      const parquetPath = deps.workspace.resolve('datasets', request.source, manifest.data.file);
      const title = `Simulate drift: ${request.name} from ${manifest.name}`;
      return deps.jobs.start({ kind: 'drift.simulate', title }, async (ctx) => {
        ctx.progress(0, 'Measuring the source');
        const rows = request.rows ?? manifest.rows;
        ctx.log(
          request.rows === undefined
            ? `Copying all ${rows} rows of ${manifest.name} in order (seed ${request.seed})`
            : `Drawing ${rows} rows from the ${manifest.rows} of ${manifest.name} with replacement (seed ${request.seed})`,
        );
        for (const shift of request.shifts) ctx.log(`Shift ${describeShift(shift)}`);
        const moments = await measure(parquetPath, request, ctx.signal);
        const start = request.gradual?.start
          ? new Date(request.gradual.start)
          : new Date(Math.floor(now().getTime() / HOUR_MS) * HOUR_MS);
        if (request.gradual) {
          const { windows, every } = request.gradual;
          ctx.log(
            `${windows} windows of ${Math.floor(rows / windows)}-${Math.ceil(rows / windows)} rows, one ${every} each from ${start.toISOString()} (column ${TIME_COLUMN}); window k at strength k/${windows - 1}`,
          );
          if (manifest.columns.some((column) => column.name === TIME_COLUMN))
            ctx.log(`The source's own ${TIME_COLUMN} column is replaced by the windows' times`, 'warn');
        }
        const plan: SimulationPlan = {
          parquetPath,
          columns: manifest.columns,
          shifts: request.shifts,
          moments,
          sourceRows: manifest.rows,
          rows: request.rows,
          seed: request.seed,
          ...(request.gradual
            ? {
                gradual: {
                  windows: request.gradual.windows,
                  everyMicros: EVERY_MICROS[request.gradual.every],
                  start: timestampLiteral(start),
                },
              }
            : {}),
        };
        // Its own folder, which the import removes with the file (a temporary source).
        const folder = deps.workspace.scratch('simulations', crypto.randomUUID());
        const file = join(folder, 'simulated.parquet');
        await mkdir(folder, { recursive: true });
        try {
          ctx.progress(0.05, 'Shifting rows');
          await deps.duckdb.withConnection((session) =>
            session.run(
              `COPY (${simulationSql(plan)}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
              {
                signal: ctx.signal,
                onProgress: (fraction) => ctx.progress(0.05 + fraction * 0.65, 'Shifting rows'),
              },
            ),
          );
        } catch (error) {
          await rm(folder, { recursive: true, force: true });
          throw error;
        }
        ctx.progress(0.7, 'Importing');
        const { slug } = await importResult(file, request.name, ctx);
        // How the data set was made, beside it: enough to make it again.
        await deps.workspace.writeJson(deps.workspace.resolve('datasets', slug, 'simulation.json'), {
          schemaVersion: 1,
          source: { slug: request.source, name: manifest.name, sha256: manifest.source.sha256 },
          request: {
            ...request,
            ...(request.gradual ? { gradual: { ...request.gradual, start: start.toISOString() } } : {}),
          },
          createdAt: now().toISOString(),
        });
        ctx.log(`Saved as data set ${slug}${slug === request.name ? '' : ` (named ${request.name})`}`);
        return { slug };
      });
    },
  };
}
