import { readdir } from 'node:fs/promises';
import {
  loadTestResultSchema,
  type LoadTestRequest,
  type LoadTestResult,
} from '../../../../shared/contract/containerLoadtests.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import type { JobService } from '../../jobs/index.js';
import type { Workspace } from '../../workspace/index.js';
import type { DeploymentService } from '../index.js';
import { predictBody, v2InferBinaryBody, v2InferBody } from '../predictBody.js';
import {
  V2_INFER_PATH,
  type RequestPayload,
  type TensorEncoding,
} from '../../../../shared/contract/servedRequests.js';
import { datasetSamples, type DatasetRowsSource } from '../datasetPayload.js';
import { runLoadTest, type LoadBody } from './runLoadTest.js';

export interface LoadTestServiceDeps extends DatasetRowsSource {
  workspace: Workspace;
  jobs: JobService;
  deployments: DeploymentService;
  /** builds/<id>/ of an existing build (BuildService.folder). */
  buildFolder(id: string): Promise<string>;
  /** The registered model version a deployment serves: its .onnx file. */
  resolveModel(name: string, version: number): Promise<{ path: string }>;
  /** The model's signature and seeded inputs for it (ModelService.open, generateInputs). */
  signature(path: string, signal?: AbortSignal): Promise<{ inputs: ValueInfo[] }>;
  generate(inputs: ValueInfo[], options: { batch: number; seed: number }): Record<string, TensorValue>;
  now?: () => Date;
}

export interface LoadTestService {
  /** Checks the deployment is running, then starts the load test; the job's result is the LoadTestResult. */
  start(request: LoadTestRequest): Promise<Job>;
  /** A build's saved load tests, newest first. */
  list(buildId: string): Promise<LoadTestResult[]>;
}

/** Different bodies, so a server that caches or a model whose cost depends on its input is not flattered. */
const BODIES = 16;
const DEFAULT_DURATION_S = 10;

const stamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d+)Z$/, '$1Z');

type MakeBody = (feeds: Record<string, TensorValue>) => LoadBody;

const asJson =
  (make: (feeds: Record<string, TensorValue>) => unknown): MakeBody =>
  (feeds) => ({ body: JSON.stringify(make(feeds)) });

/** The body a route takes: /predict's named tensors, v2 infer's list (JSON or binary), and nothing for a GET. */
function bodyFor(path: string, encoding: TensorEncoding): MakeBody | undefined {
  if (path === '/predict') return asJson(predictBody);
  if (V2_INFER_PATH.test(path)) return encoding === 'binary' ? v2InferBinaryBody : asJson(v2InferBody);
  return undefined;
}

export function createLoadTestService(deps: LoadTestServiceDeps): LoadTestService {
  const { workspace, jobs, deployments } = deps;
  const now = deps.now ?? (() => new Date());
  const folderOf = async (buildId: string): Promise<string> =>
    workspace.resolve(await deps.buildFolder(buildId), 'loadtests');

  async function makeBodies(
    request: LoadTestRequest,
    model: { name: string; version: number },
    makeBody: MakeBody,
  ): Promise<{ bodies: LoadBody[]; payload: RequestPayload }> {
    const { path } = await deps.resolveModel(model.name, model.version);
    const { inputs } = await deps.signature(path);
    const { batch } = request;
    if (request.dataset === undefined)
      return {
        bodies: Array.from({ length: BODIES }, (_, index) =>
          makeBody(deps.generate(inputs, { batch, seed: 1 + index })),
        ),
        payload: { kind: 'signature' },
      };
    const { samples, payload } = await datasetSamples(
      deps,
      inputs,
      { dataset: request.dataset, mapping: request.mapping, offset: request.offset },
      batch,
      BODIES,
    );
    return { bodies: samples.map(makeBody), payload };
  }

  return {
    async start(request) {
      // Refused at once, before a job: a stopped deployment or a missing key is the caller's to fix.
      const deployment = await deployments.get(request.name);
      const headers = await deployments.requestHeaders(request.name);
      const { model } = deployment;
      if (!model)
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `${request.name} runs ${deployment.image}, which names no registered model, so there is no signature to make requests from.`,
          hint: 'Load test a deployment of a workbench build: mlw container run BUILD.',
        });
      const makeBody = bodyFor(request.path, request.encoding);
      if (!makeBody && request.dataset !== undefined)
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `${request.path} is sent as a GET without a body, so rows of a data set have nowhere to go.`,
          hint: 'Load test /predict or /v2/models/NAME/infer with a data set.',
        });
      // Made before the job, so a data set that cannot feed the model is refused at once.
      const { bodies, payload } = makeBody
        ? await makeBodies(request, model, makeBody)
        : { bodies: [], payload: { kind: 'signature' } as const };
      const durationS =
        request.requests === undefined ? (request.durationS ?? DEFAULT_DURATION_S) : undefined;
      const title = `Load test ${request.name} (${request.connections} connections, ${
        durationS === undefined ? `${request.requests} requests` : `${durationS} s`
      })`;
      return jobs.start({ kind: 'containers.loadtest', title }, async (ctx) => {
        ctx.progress(0, 'Starting');
        const method = makeBody ? 'POST' : 'GET';
        const binary = request.encoding === 'binary' ? ' with binary tensors' : '';
        ctx.log(
          `${method} ${deployment.url}${request.path}${binary} from ${request.connections} connections`,
        );
        const measured = await runLoadTest({
          url: deployment.url,
          path: request.path,
          method,
          bodies,
          headers,
          connections: request.connections,
          ...(durationS === undefined ? { amount: request.requests } : { durationS }),
          signal: ctx.signal,
          onSample: (sample) => {
            // One JSON line a second: the job log is the live series a client can chart.
            ctx.log(JSON.stringify(sample));
            const p50 = sample.p50 === null ? '' : `, p50 ${sample.p50.toFixed(1)} ms`;
            ctx.progress(
              durationS === undefined ? null : Math.min(1, sample.t / durationS),
              `${sample.rps} req/s${p50}`,
            );
          },
        });
        const result: LoadTestResult = {
          schemaVersion: 1,
          id: stamp(now()),
          deployment: deployment.name,
          buildId: deployment.buildId,
          image: deployment.image,
          model,
          method,
          path: request.path,
          batch: request.batch,
          bodies: Math.max(1, bodies.length),
          payload,
          encoding: request.encoding,
          ...measured,
        };
        if (deployment.buildId) {
          const file = workspace.resolve(await folderOf(deployment.buildId), `${result.id}.json`);
          await workspace.writeJson(file, result);
          ctx.log(`Saved with build ${deployment.buildId}: ${file}`);
        } else ctx.log(`${deployment.image} is not a workbench build: the result is not saved`, 'warn');
        return result;
      });
    },
    async list(buildId) {
      const folder = await folderOf(buildId);
      const names = await readdir(folder).catch(() => [] as string[]);
      const results = await Promise.all(
        names
          .filter((name) => name.endsWith('.json'))
          .map((name) =>
            workspace.readJson(workspace.resolve(folder, name), loadTestResultSchema).catch(() => undefined),
          ),
      );
      return results
        .filter((result): result is LoadTestResult => result !== undefined)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    },
  };
}
