import { randomBytes } from 'node:crypto';
import type { BuildRecord, Verification } from '../../../../shared/contract/containerBuilds.js';
import { isWorkbenchError } from '../../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { HEADER_LENGTH, readInferResponse } from '../../../../shared/tensors/oipBinary.js';
import { tensorDifference, tensorLeaves } from '../../../../shared/tensors/tensorJson.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import type { JobContext } from '../../jobs/index.js';
import type { RequestPayload } from '../../../../shared/contract/servedRequests.js';
import { datasetSamples, type DatasetRowsSource } from '../datasetPayload.js';
import type { DeploymentService } from '../index.js';
import { predictBody, v2InferBinaryBody, v2InferBody } from '../predictBody.js';

/** In-process ONNX Runtime, the reference the served answers are held to (ModelService). */
export interface ReferenceRuntime {
  open(path: string, signal?: AbortSignal): Promise<{ inputs: ValueInfo[] }>;
  run(
    path: string,
    feeds: Record<string, TensorValue>,
    signal?: AbortSignal,
  ): Promise<{ outputs: Record<string, TensorValue> }>;
  /** Inputs for a signature: seeded values, `batch` for free dims (generateInputs). */
  generate(inputs: ValueInfo[], options: { batch: number; seed: number }): Record<string, TensorValue>;
}

export interface VerifyPlan {
  record: BuildRecord;
  modelPath: string;
  samples: number;
  batch: number;
  /** Rows of a data set to send instead of inputs generated from the signature. */
  rows?: { dataset: string; mapping?: Record<string, string[]> | undefined; offset?: number | undefined };
}

/**
 * The same ONNX Runtime build runs in the image and here, so answers should be equal; the slack
 * allows for a different CPU's kernels (AVX-512 against AVX2) rounding the last bits differently.
 */
const TOLERANCE = { abs: 1e-4, rel: 1e-3 };
const READY_TIMEOUT_MS = 60_000;

interface RouteTally {
  route: string;
  requests: number;
  maxAbsError: number | null;
  maxRelError: number | null;
  failure: string | null;
}

type Leaves = Record<string, { dims: number[]; leaves: unknown[] }>;

interface Answer {
  body: Uint8Array;
  headers: Headers;
}

const json = (answer: Answer): unknown => JSON.parse(Buffer.from(answer.body).toString('utf8'));
const jsonBody = (body: unknown) => ({ body: JSON.stringify(body) });

/** How each route is asked, and where its answer's outputs are. */
const ROUTES: {
  route: string;
  path: (modelName: string) => string;
  request: (feeds: Record<string, TensorValue>) => {
    body: string | Uint8Array;
    headers?: Record<string, string>;
  };
  outputs: (answer: Answer) => Leaves;
}[] = [
  {
    route: 'POST /predict',
    path: () => '/predict',
    request: (feeds) => jsonBody(predictBody(feeds)),
    outputs: (answer) =>
      Object.fromEntries(
        Object.entries(
          (json(answer) as { outputs?: Record<string, { shape: number[]; data: unknown[] }> }).outputs ?? {},
        ).map(([name, t]) => [name, { dims: t.shape, leaves: t.data }]),
      ),
  },
  {
    route: 'POST /v2/models/{name}/infer',
    path: v2InferPath,
    request: (feeds) => jsonBody(v2InferBody(feeds)),
    outputs: (answer) =>
      Object.fromEntries(
        (
          (json(answer) as { outputs?: { name: string; shape: number[]; data: unknown[] }[] }).outputs ?? []
        ).map((t) => [t.name, { dims: t.shape, leaves: t.data }]),
      ),
  },
  {
    route: 'POST /v2/models/{name}/infer, binary tensors',
    path: v2InferPath,
    request: v2InferBinaryBody,
    outputs: (answer) => {
      const header = answer.headers.get(HEADER_LENGTH);
      return Object.fromEntries(
        readInferResponse(answer.body, header === null ? undefined : Number(header)).map((t) => [
          t.name,
          { dims: t.shape, leaves: t.tensor ? tensorLeaves(t.tensor) : (t.data ?? []) },
        ]),
      );
    },
  },
];

function v2InferPath(modelName: string): string {
  return `/v2/models/${encodeURIComponent(modelName)}/infer`;
}

function compare(tally: RouteTally, expected: Record<string, TensorValue>, served: Leaves): void {
  for (const [name, tensor] of Object.entries(expected)) {
    const answer = served[name];
    if (!answer) {
      tally.failure ??= `the answer has no output ${name}`;
      continue;
    }
    const difference = tensorDifference(tensor, answer);
    if (difference.problem !== undefined) {
      tally.failure ??= `output ${name}: ${difference.problem}`;
      continue;
    }
    if (difference.nanMismatches > 0) tally.failure ??= `output ${name}: NaN where the model gives a number`;
    tally.maxAbsError = Math.max(tally.maxAbsError ?? 0, difference.maxAbs);
    tally.maxRelError = Math.max(tally.maxRelError ?? 0, difference.maxRel);
  }
}

const passed = (tally: RouteTally): boolean =>
  tally.failure === null &&
  tally.maxAbsError !== null &&
  (tally.maxAbsError <= TOLERANCE.abs || (tally.maxRelError ?? 0) <= TOLERANCE.rel);

/**
 * Starts the built image in a throwaway container, waits for /ready, sends the same generated
 * inputs through /predict and v2 infer, and holds every output to in-process ONNX Runtime's. The
 * container is removed whatever happens.
 */
export async function verifyBuild(
  deps: { deployments: DeploymentService; reference: ReferenceRuntime; rows: DatasetRowsSource },
  plan: VerifyPlan,
  ctx: Pick<JobContext, 'signal' | 'progress' | 'log'>,
): Promise<Verification> {
  const { deployments, reference } = deps;
  const { record, batch } = plan;
  // The inputs come first: a data set that cannot fill them is refused before a container starts.
  const { inputs } = await reference.open(plan.modelPath, ctx.signal);
  const { samples: feedsOfSamples, payload } = await sampleInputs(deps.rows, reference, inputs, plan);
  const samples = feedsOfSamples.length;
  const name = `verify-${randomBytes(4).toString('hex')}`;
  ctx.progress(0, 'Starting the image to verify it');
  const started = performance.now();
  try {
    await deployments.run({ build: record.id, name, readyTimeoutMs: READY_TIMEOUT_MS }, ctx.signal);
  } catch (error) {
    // An image that exits or never gets ready fails its verification, with the reason.
    if (isWorkbenchError(error) && error.code === 'CANCELLED') throw error;
    return failedVerification(
      error,
      { at: new Date().toISOString(), samples, batch, tolerance: TOLERANCE, payload },
      ctx,
    );
  }
  const readyMs = performance.now() - started;
  ctx.log(`${record.tag} answered /ready ${Math.round(readyMs)} ms after it was started`);
  try {
    const tallies: RouteTally[] = ROUTES.map((route) => ({
      route: route.route,
      requests: 0,
      maxAbsError: null,
      maxRelError: null,
      failure: null,
    }));
    for (const [sample, feeds] of feedsOfSamples.entries()) {
      ctx.progress(0.2 + (0.8 * sample) / samples, `Sample ${sample + 1} of ${samples}`);
      const { outputs: expected } = await reference.run(plan.modelPath, feeds, ctx.signal);
      for (const [index, route] of ROUTES.entries()) {
        const tally = tallies[index];
        if (!tally || tally.failure !== null) continue;
        tally.requests += 1;
        const answer = await deployments.post({
          name,
          path: route.path(record.model.name),
          ...route.request(feeds),
        });
        if (answer.status !== 200) {
          tally.failure = `HTTP ${answer.status}: ${Buffer.from(answer.body).toString('utf8').slice(0, 300)}`;
          continue;
        }
        compare(tally, expected, route.outputs(answer));
      }
    }
    const ok = tallies.every(passed);
    const worst = Math.max(...tallies.map((t) => t.maxAbsError ?? 0));
    const source = payload.kind === 'dataset' ? ` of ${payload.dataset}` : '';
    const message = ok
      ? `All ${tallies.length} routes answered like in-process ONNX Runtime on ${samples} samples${source} of batch ${batch} (max abs error ${worst}).`
      : tallies
          .filter((t) => !passed(t))
          .map((t) =>
            t.failure
              ? `${t.route} failed: ${t.failure}`
              : `${t.route} differs from in-process ONNX Runtime by up to ${t.maxAbsError} (tolerance ${TOLERANCE.abs})`,
          )
          .join('; ');
    ctx.log(message, ok ? 'info' : 'error');
    return {
      status: ok ? 'verified' : 'failed',
      at: new Date().toISOString(),
      samples,
      batch,
      tolerance: TOLERANCE,
      routes: tallies,
      readyMs,
      message,
      payload,
    };
  } finally {
    await deployments.remove(name).catch(() => undefined);
  }
}

/**
 * The record of a verification that broke off before its answers were held to the reference (the
 * image exited or never got ready, say): the error's message is its reason, logged with the job too.
 */
export function failedVerification(
  error: unknown,
  facts: Pick<Verification, 'at' | 'samples' | 'batch' | 'tolerance' | 'payload'>,
  ctx: Pick<JobContext, 'log'>,
): Verification {
  const message = error instanceof Error ? error.message : String(error);
  ctx.log(`Verification failed: ${message}`, 'error');
  return {
    status: 'failed',
    at: facts.at,
    samples: facts.samples,
    batch: facts.batch,
    tolerance: facts.tolerance,
    routes: [],
    readyMs: 0,
    message,
    payload: facts.payload,
  };
}

/** Each request's inputs: rows of the data set the plan names, else seeded inputs from the signature. */
async function sampleInputs(
  rows: DatasetRowsSource,
  reference: ReferenceRuntime,
  inputs: ValueInfo[],
  plan: VerifyPlan,
): Promise<{ samples: Record<string, TensorValue>[]; payload: RequestPayload }> {
  const { samples, batch } = plan;
  if (plan.rows) return datasetSamples(rows, inputs, plan.rows, batch, samples);
  return {
    samples: Array.from({ length: samples }, (_, index) =>
      reference.generate(inputs, { batch, seed: 1 + index }),
    ),
    payload: { kind: 'signature' },
  };
}
