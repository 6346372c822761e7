import { setTimeout as delay } from 'node:timers/promises';
import type { ReplayRequest, ReplayResult } from '../../../shared/contract/drift.js';
import { WorkbenchError, cancelledError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import {
  defaultMapping,
  predictBody,
  sliceRows,
  type DatasetRowsSource,
  type DeploymentService,
} from '../containers/index.js';
import type { JobContext, JobService } from '../jobs/index.js';

export interface ReplayerDeps {
  jobs: JobService;
  deployments: Pick<DeploymentService, 'get' | 'requestHeaders'>;
  /** The inputs of a registered model version (its signature). */
  modelInputs(model: { name: string; version: number }, signal?: AbortSignal): Promise<ValueInfo[]>;
  rows: DatasetRowsSource;
}

export interface Replayer {
  /** Checks the deployment and the data set at once, then sends the rows as a job whose result is a ReplayResult. */
  start(request: ReplayRequest): Promise<Job>;
}

/** Rows read from the data set at a time: whole batches, about this many rows. */
const CHUNK_ROWS = 4096;
const REQUEST_TIMEOUT_MS = 60_000;
const MAX_FAILURES_KEPT = 10;

const invalid = (message: string, hint: string): WorkbenchError =>
  new WorkbenchError({ code: 'INVALID_INPUT', message, hint });

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The batches a chunk of rows makes, each with the rows it holds, or why it could not be made. */
type Batch = { offset: number; rows: number } & (
  { feeds: Record<string, TensorValue> } | { failure: string }
);

export function createReplayer(deps: ReplayerDeps): Replayer {
  return {
    async start(request) {
      // Refused before a job: a stopped deployment, a missing key or rows the model cannot take.
      const deployment = await deps.deployments.get(request.deployment);
      const headers = await deps.deployments.requestHeaders(request.deployment);
      const { model } = deployment;
      if (!model)
        throw invalid(
          `${deployment.name} runs ${deployment.image}, which names no registered model, so there is no signature to map the rows to.`,
          'Replay into a deployment of a workbench build: mlw container run BUILD --capture 1.',
        );
      const inputs = await deps.modelInputs(model);
      const dataset = await deps.rows.dataset(request.dataset);
      const names = dataset.columns.map((column) => column.name);
      const unknown = request.exclude.filter((column) => !names.includes(column));
      if (unknown.length > 0)
        throw invalid(
          `${dataset.name} has no column ${unknown.join(', ')} to exclude.`,
          `Its columns: ${names.join(', ')}.`,
        );
      const columns = dataset.columns.filter((column) => !request.exclude.includes(column.name));
      let mapping: Record<string, string[]>;
      try {
        mapping = defaultMapping(inputs, columns, dataset.name);
      } catch (error) {
        if (!isWorkbenchError(error)) throw error;
        throw invalid(
          error.message,
          `Leave out the columns that are not the model's inputs (the label, ts) with --exclude COL,..., or name the columns like its inputs (${inputs.map((i) => i.name).join(', ')}).`,
        );
      }
      const warnings: string[] = [];
      if (!deployment.capture)
        warnings.push(
          `${deployment.name} has capture off: it answers the rows but keeps none of them in captures/${deployment.name}/. Run the build again with capture on (mlw container run BUILD --capture 1) to see them there.`,
        );
      else if (deployment.capture.sampleRate < 1)
        warnings.push(
          `${deployment.name} captures a sample of ${deployment.capture.sampleRate} of its requests, so only about that share of the rows reach ${deployment.capture.folder}/.`,
        );
      const url = `${deployment.url}/predict`;
      const title = `Replay ${dataset.name} into ${deployment.name}`;

      return deps.jobs.start({ kind: 'drift.replay', title }, async (ctx) => {
        const started = performance.now();
        for (const warning of warnings) ctx.log(warning, 'warn');
        const rate = request.rate ? ` at most ${request.rate} requests/s` : '';
        ctx.log(
          `POST ${url}: ${dataset.rows} rows in requests of ${request.batch}${rate}; ${Object.entries(mapping)
            .map(([input, from]) => `${input} <- ${from.join(', ')}`)
            .join('; ')}`,
        );
        const requests = { sent: 0, ok: 0, failed: 0 };
        const rows = { sent: 0, ok: 0, failed: 0 };
        const failures: string[] = [];
        const fail = (count: number, why: string) => {
          requests.failed += 1;
          rows.failed += count;
          if (failures.length < MAX_FAILURES_KEPT && !failures.includes(why)) {
            failures.push(why);
            ctx.log(why, 'error');
          }
        };
        const readChunk = (offset: number, limit: number) =>
          deps.rows.datasetRows(inputs, {
            parquetPath: dataset.parquetPath,
            datasetName: dataset.name,
            mapping,
            offset,
            limit,
          });
        const chunkRows = request.batch * Math.max(1, Math.floor(CHUNK_ROWS / request.batch));
        for (let chunk = 0; chunk < dataset.rows; chunk += chunkRows) {
          const batches = await batchesOf(
            readChunk,
            chunk,
            Math.min(chunkRows, dataset.rows - chunk),
            request.batch,
          );
          for (const batch of batches) {
            ctx.signal.throwIfAborted();
            if (request.rate) {
              const due = started + (requests.sent / request.rate) * 1000;
              await delay(Math.max(0, due - performance.now()), undefined, { signal: ctx.signal });
            }
            requests.sent += 1;
            rows.sent += batch.rows;
            if ('failure' in batch) fail(batch.rows, batch.failure);
            else {
              const failure = await post(url, headers, batch.feeds, ctx);
              if (failure === null) {
                requests.ok += 1;
                rows.ok += batch.rows;
              } else fail(batch.rows, `Rows ${batch.offset + 1}-${batch.offset + batch.rows}: ${failure}`);
            }
            ctx.progress(rows.sent / dataset.rows, `${rows.sent} of ${dataset.rows} rows sent`);
          }
        }
        ctx.log(
          `Sent ${rows.sent} rows in ${requests.sent} requests: ${requests.ok} answered, ${requests.failed} failed`,
          requests.failed > 0 ? 'warn' : 'info',
        );
        const result: ReplayResult = {
          dataset: request.dataset,
          deployment: deployment.name,
          requests,
          rows,
          failures,
          capture: deployment.capture,
          warnings,
          durationMs: performance.now() - started,
        };
        return result;
      });
    },
  };
}

/**
 * Reads a chunk's rows at once; when a row cannot be a model input (a missing value), each batch is
 * read alone so only the batches holding such rows fail.
 */
async function batchesOf(
  read: (offset: number, limit: number) => Promise<{ feeds: Record<string, TensorValue> }>,
  offset: number,
  count: number,
  batch: number,
): Promise<Batch[]> {
  const starts = Array.from({ length: Math.ceil(count / batch) }, (_, i) => i * batch);
  const size = (start: number) => Math.min(batch, count - start);
  try {
    const { feeds } = await read(offset, count);
    return starts.map((start) => ({
      offset: offset + start,
      rows: size(start),
      feeds: sliceRows(feeds, start, size(start)),
    }));
  } catch (error) {
    if (!isWorkbenchError(error) || error.code !== 'INVALID_INPUT') throw error;
    const batches: Batch[] = [];
    for (const start of starts)
      batches.push(
        await read(offset + start, size(start)).then(
          ({ feeds }): Batch => ({ offset: offset + start, rows: size(start), feeds }),
          (failed: unknown): Batch => {
            if (!isWorkbenchError(failed) || failed.code !== 'INVALID_INPUT') throw failed;
            return { offset: offset + start, rows: size(start), failure: failed.message };
          },
        ),
      );
    return batches;
  }
}

/** POSTs one batch to /predict: null when answered 2xx, else why not. */
async function post(
  url: string,
  headers: Record<string, string>,
  feeds: Record<string, TensorValue>,
  ctx: Pick<JobContext, 'signal'>,
): Promise<string | null> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(predictBody(feeds)),
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await answer.text();
    if (answer.ok) return null;
    return `HTTP ${answer.status}: ${text.slice(0, 300)}`;
  } catch (error) {
    if (ctx.signal.aborted) throw cancelledError('The replay');
    return `no answer: ${reason(error)}`;
  }
}
