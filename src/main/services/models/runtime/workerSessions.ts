import * as ort from 'onnxruntime-node';
import { basename, dirname } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { observationPlan, readOnnxModel, regularFileFacts } from '../onnx/index.js';
import { refuseUnrepresentableInputs } from './inputDims.js';
import { loadError } from './loadError.js';
import { readWithOutputs } from './observedModel.js';
import { cleanRuntimeMessage } from '../../../../shared/models/runtimeMessage.js';
import { providerInfo } from './providerInfo.js';
import type { ObservedSession, OpenedSession, SessionSettings, ValueInfo, ValueShape } from './protocol.js';
import { tensorTypes, type TensorType, type TensorValue } from '../../../../shared/tensors/tensors.js';

/** The ONNX Runtime sessions of one worker process, by id. Runs inside the worker only. */
export interface WorkerSessions {
  open(path: string, settings: SessionSettings): Promise<OpenedSession>;
  run(
    sessionId: string,
    feeds: Record<string, TensorValue>,
  ): Promise<{ outputs: Record<string, TensorValue>; runMs: number }>;
  /** Latency of each timed run in ms, after `warmup` untimed runs: the model's own time, no hop. */
  bench(
    sessionId: string,
    feeds: Record<string, TensorValue>,
    warmup: number,
    runs: number,
  ): Promise<number[]>;
  /**
   * Opens the model with every intermediate value of its main graph added as an output, loaded from
   * memory: the file itself is never changed or copied on disk.
   */
  openObserved(path: string, settings: SessionSettings): Promise<ObservedSession>;
  /** Runs once and gives the element type and dims of each of `fetches`, not their data. */
  shapes(
    sessionId: string,
    feeds: Record<string, TensorValue>,
    fetches: string[],
  ): Promise<Record<string, ValueShape>>;
  close(sessionId: string): Promise<void>;
}

export function createWorkerSessions(): WorkerSessions {
  // `fetches`: the tensor outputs. onnxruntime-node cannot return a sequence or map output (a
  // scikit-learn classifier's ZipMap probabilities) and fails the whole run if asked for one.
  const sessions = new Map<string, { session: ort.InferenceSession; fileName: string; fetches: string[] }>();
  let nextId = 1;

  const get = (sessionId: string) => {
    const found = sessions.get(sessionId);
    if (!found)
      throw new WorkbenchError({
        code: 'NOT_FOUND',
        message: `Session ${sessionId} is not open in the model worker.`,
      });
    return found;
  };

  const runOnce = async (sessionId: string, feeds: Record<string, TensorValue>, only?: string[]) => {
    const { session, fileName, fetches: tensorOutputs } = get(sessionId);
    const fetches = only ?? tensorOutputs;
    if (fetches.length === 0)
      throw new WorkbenchError({
        code: 'MODEL_INVALID',
        message: `${fileName} has no tensor outputs: ONNX Runtime for Node.js cannot return its sequence or map outputs.`,
      });
    const tensors = Object.fromEntries(
      Object.entries(feeds).map(([name, value]) => [
        name,
        new ort.Tensor(value.type, value.data, value.dims),
      ]),
    );
    const started = performance.now();
    try {
      const results = await session.run(tensors, fetches);
      return { results, runMs: performance.now() - started };
    } catch (error) {
      throw runError(fileName, session.inputNames, error);
    }
  };

  const opened = async (
    path: string,
    settings: SessionSettings,
    model: string | Uint8Array,
    extra?: Record<string, unknown>,
  ): Promise<OpenedSession> => {
    const fileName = basename(path);
    const started = performance.now();
    const create = (chosen: SessionSettings) => {
      const options = { ...sessionOptions(chosen), ...(extra ? { extra } : {}) };
      // Two overloads of create, one for a path and one for bytes.
      return typeof model === 'string'
        ? ort.InferenceSession.create(model, options)
        : ort.InferenceSession.create(model, options);
    };
    let session: ort.InferenceSession;
    try {
      session = await create(settings);
    } catch (error) {
      throw await openError(fileName, path, settings, error, () =>
        create({ ...settings, executionProvider: 'cpu' }).then((probe) => probe.release()),
      );
    }
    try {
      await refuseUnrepresentableInputs(fileName, path, session.inputMetadata);
    } catch (error) {
      await session.release();
      throw error;
    }
    const sessionId = `s${nextId++}`;
    const fetches = session.outputMetadata.filter((meta) => meta.isTensor).map((meta) => meta.name);
    sessions.set(sessionId, { session, fileName, fetches });
    return {
      sessionId,
      inputs: session.inputMetadata.map(valueInfo),
      outputs: session.outputMetadata.map(valueInfo),
      loadMs: performance.now() - started,
    };
  };

  return {
    async open(path, settings) {
      // ONNX Runtime opens the path itself and would block on a pipe or read /dev/zero until memory ran out.
      await regularFileFacts(path, 'an ONNX model');
      return opened(path, settings, path);
    },
    async openObserved(path, settings) {
      const plan = observationPlan(await readOnnxModel(path));
      // A model read from memory has no folder: ONNX Runtime is told where its external data lives
      // (and still refuses locations that leave that folder).
      const session = await opened(path, settings, await readWithOutputs(path, plan.added), {
        session: { model_external_initializers_file_folder_path: dirname(path) },
      });
      return { ...session, added: plan.added, unobservable: plan.unobservable };
    },
    async run(sessionId, feeds) {
      const { results, runMs } = await runOnce(sessionId, feeds);
      const outputs: Record<string, TensorValue> = {};
      for (const [name, tensor] of Object.entries(results)) {
        outputs[name] = {
          type: tensor.type as TensorType,
          dims: [...tensor.dims],
          data: tensor.data,
        };
      }
      return { outputs, runMs };
    },
    async bench(sessionId, feeds, warmup, runs) {
      for (let i = 0; i < warmup; i += 1) release((await runOnce(sessionId, feeds)).results);
      const latencies: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const { results, runMs } = await runOnce(sessionId, feeds);
        latencies.push(runMs);
        release(results);
      }
      return latencies;
    },
    async shapes(sessionId, feeds, fetches) {
      const { results } = await runOnce(sessionId, feeds, fetches);
      const shapes: Record<string, ValueShape> = {};
      for (const [name, tensor] of Object.entries(results))
        shapes[name] = { type: tensor.type as TensorType, dims: [...tensor.dims] };
      release(results);
      return shapes;
    },
    async close(sessionId) {
      const found = sessions.get(sessionId);
      sessions.delete(sessionId);
      await found?.session.release();
    },
  };
}

function release(results: ort.InferenceSession.ReturnType): void {
  for (const tensor of Object.values(results)) tensor.dispose();
}

function valueInfo(meta: ort.InferenceSession.ValueMetadata): ValueInfo {
  if (!meta.isTensor) return { name: meta.name, type: null, shape: null };
  const type = (tensorTypes as readonly string[]).includes(meta.type) ? (meta.type as TensorType) : null;
  return {
    name: meta.name,
    type,
    // A size past 2^53 arrives rounded; only an input's is refused (see inputDims.ts), an output's is unknown.
    shape: meta.shape.map((dim) =>
      typeof dim === 'number' && dim >= 0 && Number.isSafeInteger(dim)
        ? dim
        : typeof dim === 'string'
          ? dim
          : null,
    ),
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}

/**
 * What a failed run means. ONNX Runtime says why in free text: an allocation it could not make is
 * the model's memory need, not the user's input; a problem with an input names it; anything else
 * failed inside a node.
 */
function runError(fileName: string, inputNames: readonly string[], error: unknown): WorkbenchError {
  const raw = firstLine(error);
  const text = cleanRuntimeMessage(raw);
  const allocation = /Failed to allocate memory for requested buffer of size (\d+)/.exec(text);
  if (allocation) {
    const node = /running (\w+) node\. Name:'([^']*)'/.exec(raw);
    const gigabytes = (Number(allocation[1]) / 1e9).toFixed(1);
    return new WorkbenchError(
      {
        code: 'MODEL_OUT_OF_MEMORY',
        message: `${fileName} needs more memory than this machine gives it: ${node ? `node ${node[2]} (${node[1]})` : 'one step'} asked for ${gigabytes} GB at once.`,
        hint: 'Run it on a smaller input or batch, or on a machine with more memory. The workbench and the model worker are unaffected.',
        details: { requestedBytes: Number(allocation[1]) },
      },
      { cause: error },
    );
  }
  const aboutInput = /input|rank|dimension|data type|shape/i.test(raw) && !/running \w+ node/.test(raw);
  return new WorkbenchError(
    aboutInput
      ? {
          code: 'TENSOR_SHAPE',
          message: `${fileName} refused its inputs: ${text}`,
          hint: `The model expects ${inputNames.join(', ')}; check each input's element type and shape.`,
        }
      : {
          code: 'MODEL_RUN_FAILED',
          message: `${fileName} failed while running: ${text}`,
          hint: 'The inputs matched the model, but a step inside it failed; the message names the node. Check the values (e.g. an index out of range) or the model.',
        },
    { cause: error },
  );
}

function sessionOptions(settings: SessionSettings): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [settings.executionProvider],
    graphOptimizationLevel: settings.graphOptimization,
    ...(settings.intraOpThreads ? { intraOpNumThreads: settings.intraOpThreads } : {}),
    // Inter-op threads only run independent branches at once in parallel mode; sequential ignores them.
    ...(settings.interOpThreads
      ? { interOpNumThreads: settings.interOpThreads, executionMode: 'parallel' as const }
      : {}),
  };
}

/**
 * Why a session did not open. With a provider other than CPU, the model is tried on CPU: if it loads
 * there, the provider is what this machine lacks, and the user should hear that, not "bad model".
 */
async function openError(
  fileName: string,
  path: string,
  settings: SessionSettings,
  error: unknown,
  loadOnCpu: () => Promise<void>,
): Promise<WorkbenchError> {
  const provider = settings.executionProvider;
  if (
    provider !== 'cpu' &&
    (await loadOnCpu().then(
      () => true,
      () => false,
    ))
  ) {
    const [info] = providerInfo(ort.listSupportedBackends().filter((backend) => backend.name === provider));
    return new WorkbenchError(
      {
        code: 'INVALID_INPUT',
        message: `The ${provider} execution provider is not available on this machine: ${cleanRuntimeMessage(firstLine(error))}`,
        hint: `${info?.note ?? `This build of ONNX Runtime has no ${provider} provider.`} Run on cpu, or see which providers this machine has with \`mlw model providers\`.`,
        details: { path, executionProvider: provider },
      },
      { cause: error },
    );
  }
  return loadError(fileName, path, firstLine(error), error);
}
