import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { packBuildContext, type BuildContextEntry } from './buildContext.js';
import { engineError, throwIfAborted } from './engineErrors.js';

export interface ImportBaseImageOptions {
  /** A tar stream of a root file system (what `docker import` takes). */
  rootfs: Readable;
  repo: string;
  tag: string;
  /** Dockerfile instructions applied to the image, e.g. `CMD ["sh"]` or `ENV PATH=/bin`. */
  changes?: string[];
  signal?: AbortSignal;
}

export interface ImportedImage {
  imageId: string;
  reference: string;
}

export interface BuildImageOptions {
  /** A tar stream of the context, or the files to pack into one. */
  context: Readable | readonly BuildContextEntry[];
  tag: string;
  /** Path of the Dockerfile inside the context. */
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /** Each line of build output as it arrives (step headers, RUN output, the error if any). */
  onLog?: (line: string) => void;
  /** Each step as it starts: its number, the number of steps and its instruction. */
  onStep?: (step: number, total: number, instruction: string) => void;
}

export interface BuiltImage {
  imageId: string;
  tag: string;
}

/** One JSON message of the engine's progress stream (build, import and pull share the shape). */
export interface ProgressMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: { ID?: string; Digest?: string };
}

/**
 * One progress figure for a pull or a push: the bytes done and to do over every layer the engine
 * has reported so far, passed on with the message's own line.
 */
export function layerProgress(
  onProgress: ((done: number, total: number, line: string) => void) | undefined,
): (message: ProgressMessage) => void {
  const layers = new Map<string, { current: number; total: number }>();
  return (message) => {
    if (message.id && message.progressDetail?.total)
      layers.set(message.id, {
        current: message.progressDetail.current ?? 0,
        total: message.progressDetail.total,
      });
    let done = 0;
    let total = 0;
    for (const layer of layers.values()) {
      done += layer.current;
      total += layer.total;
    }
    onProgress?.(done, total, [message.id, message.status].filter(Boolean).join(' '));
  };
}

/**
 * A step's header: Docker's classic builder writes "Step 4/5 : RUN false", Podman's (Buildah)
 * "STEP 4/5: RUN false".
 */
const STEP = /^(?:Step (\d+)\/(\d+) :|STEP (\d+)\/(\d+):) (.*)$/;

export interface BuildStep {
  number: number;
  total: number;
  instruction: string;
}

/** The step a line of build output starts, or undefined for any other line. */
export function parseStepHeader(line: string): BuildStep | undefined {
  const match = STEP.exec(line);
  if (!match) return undefined;
  return {
    number: Number(match[1] ?? match[3]),
    total: Number(match[2] ?? match[4]),
    instruction: match[5] ?? '',
  };
}
const LOG_TAIL_LINES = 20;

export async function importBaseImage(
  docker: Dockerode,
  endpoint: string,
  options: ImportBaseImageOptions,
): Promise<ImportedImage> {
  const { rootfs, repo, tag, changes, signal } = options;
  const reference = `${repo}:${tag}`;
  const action = `import ${reference}`;
  throwIfAborted(signal, action);
  let imageId = '';
  let failure: string | undefined;
  try {
    // The tag travels inside `repo`: Docker applies it either way, Podman 4's compat import ignores
    // a separate `tag` and would name the image repo:latest.
    const stream = await docker.importImage(rootfs, {
      repo: reference,
      ...(changes ? { changes } : {}),
      abortSignal: signal,
    });
    await followProgress(docker, stream, signal, (message) => {
      if (message.error || message.errorDetail) failure = message.errorDetail?.message ?? message.error;
      else if (message.status?.startsWith('sha256:')) imageId = message.status.trim();
    });
  } catch (error) {
    throw engineError(endpoint, error, action, signal);
  }
  if (failure !== undefined) {
    throw new WorkbenchError({
      code: 'DOCKER_FAILED',
      message: `Docker could not ${action}: ${failure}`,
      details: { endpoint, reference },
    });
  }
  return { imageId: imageId || (await imageIdOf(docker, endpoint, reference, signal)), reference };
}

/**
 * Builds with the engine's classic builder and follows its output. A failing step becomes a
 * DOCKER_FAILED naming the step; aborting the signal closes the stream, which makes the engine stop
 * the build, and rejects with CANCELLED.
 */
export async function buildImage(
  docker: Dockerode,
  endpoint: string,
  options: BuildImageOptions,
): Promise<BuiltImage> {
  const { tag, signal, onLog } = options;
  const action = `build ${tag}`;
  throwIfAborted(signal, action);
  const context = isReadable(options.context) ? options.context : await packBuildContext(options.context);

  const tail: string[] = [];
  const emit = (line: string): void => {
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
    onLog?.(line);
  };
  const lines = lineSplitter(emit);
  let step: BuildStep | undefined;
  let imageId = '';
  let failure: { message: string; exitCode: number | undefined } | undefined;

  try {
    const stream = await docker.buildImage(context, {
      t: tag,
      ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
      ...(options.buildArgs ? { buildargs: options.buildArgs } : {}),
      ...(options.labels ? { labels: options.labels } : {}),
      // Intermediate containers go away even when a step fails: a failed build leaves nothing running.
      rm: true,
      forcerm: true,
      abortSignal: signal,
    });
    await followProgress(docker, stream, signal, (message) => {
      if (message.stream !== undefined) {
        lines.push(message.stream, (line) => {
          const started = parseStepHeader(line);
          if (!started) return;
          step = started;
          options.onStep?.(step.number, step.total, step.instruction);
        });
      } else if (message.status !== undefined) {
        emit([message.id, message.status, message.progress].filter(Boolean).join(' '));
      }
      if (message.aux?.ID) imageId = message.aux.ID;
      if (message.error !== undefined || message.errorDetail !== undefined) {
        const text = (message.errorDetail?.message ?? message.error ?? 'unknown error').trim();
        failure = { message: text, exitCode: message.errorDetail?.code };
        lines.flush();
        emit(text);
      }
    });
    lines.flush();
  } catch (error) {
    throw engineError(endpoint, error, action, signal);
  }

  if (failure !== undefined) {
    const where = step ? ` at step ${step.number}/${step.total} (${step.instruction})` : '';
    throw new WorkbenchError({
      code: 'DOCKER_FAILED',
      message: `Building ${tag} failed${where}: ${failure.message}`,
      hint: 'The build log shows the output of the failing step.',
      details: {
        endpoint,
        tag,
        ...(step ? { step: `${step.number}/${step.total}`, instruction: step.instruction } : {}),
        ...(failure.exitCode === undefined ? {} : { exitCode: failure.exitCode }),
        logTail: tail,
      },
    });
  }
  return { imageId: imageId || (await imageIdOf(docker, endpoint, tag, signal)), tag };
}

/**
 * Resolves when the engine closes the stream, after passing each message on. On abort the stream is
 * destroyed: the engine sees the client go and stops the work.
 */
export function followProgress(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  signal: AbortSignal | undefined,
  onMessage: (message: ProgressMessage) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      (stream as Readable).destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    docker.modem.followProgress(
      stream,
      (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (error || signal?.aborted) reject(error ?? new Error('the stream was closed on abort'));
        else resolve();
      },
      onMessage,
    );
  });
}

/** Build output arrives in chunks that may hold several lines or part of one. */
function lineSplitter(emit: (line: string) => void): {
  push(chunk: string, inspect: (line: string) => void): void;
  flush(): void;
} {
  let pending = '';
  return {
    push(chunk, inspect) {
      const parts = (pending + chunk).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) {
        const text = line.trimEnd();
        if (!text) continue;
        inspect(text);
        emit(text);
      }
    },
    flush() {
      if (pending.trim()) emit(pending.trimEnd());
      pending = '';
    },
  };
}

async function imageIdOf(
  docker: Dockerode,
  endpoint: string,
  reference: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    return (await docker.getImage(reference).inspect()).Id;
  } catch (error) {
    throw engineError(endpoint, error, `inspect ${reference}`, signal);
  }
}

function isReadable(context: Readable | readonly BuildContextEntry[]): context is Readable {
  return !Array.isArray(context);
}
