import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { WorkbenchError, cancelledError } from '../../../shared/contract/errors.js';
import { engineError, throwIfAborted } from './engineErrors.js';

export interface RunToCompletionOptions {
  image: string;
  cmd?: string[];
  env?: Record<string, string>;
  labels?: Record<string, string>;
  /** 'none' unless the command needs a network: a one-shot job should not reach anything. */
  networkMode?: string;
  signal?: AbortSignal;
  /** The container is stopped and the call fails after this long. */
  timeoutMs: number;
  /** Per stream; past it only the last bytes are kept (the end of a log is what explains a failure). */
  maxOutputBytes?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** The log stream ends right after the container exits; this only bounds a stream the engine never closes. */
const LOG_DRAIN_MS = 5_000;

/**
 * Runs a command in a fresh container to its end and returns its exit code and output. The container is
 * always removed afterwards: on success, failure, timeout and cancellation alike.
 */
export async function runToCompletion(
  docker: Dockerode,
  endpoint: string,
  options: RunToCompletionOptions,
): Promise<RunResult> {
  const { image, signal, timeoutMs } = options;
  const action = `run ${image}`;
  throwIfAborted(signal, action);
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new TailBuffer(limit);
  const stderr = new TailBuffer(limit);

  let container: Dockerode.Container | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    container = await docker.createContainer({
      Image: image,
      ...(options.cmd ? { Cmd: options.cmd } : {}),
      Env: Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`),
      Labels: options.labels ?? {},
      HostConfig: { NetworkMode: options.networkMode ?? 'none', AutoRemove: false },
      abortSignal: signal,
    });
    throwIfAborted(signal, action);
    await container.start();

    const logs = await container.logs({ follow: true, stdout: true, stderr: true });
    docker.modem.demuxStream(logs, stdout, stderr);
    const drained = new Promise<void>((resolve) => {
      logs.on('end', resolve);
      logs.on('close', resolve);
      logs.on('error', () => resolve());
    });

    const stopped = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(cancelledError(`Run ${image}`));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      timer = setTimeout(() => reject(timeoutError(image, timeoutMs, stdout, stderr)), timeoutMs);
    });
    const exit = (await Promise.race([container.wait(), stopped])) as { StatusCode?: number };
    await Promise.race([drained, delay(LOG_DRAIN_MS)]);
    return { exitCode: exit.StatusCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
  } catch (error) {
    throw engineError(endpoint, error, action, signal);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // force: a timed-out or cancelled container is still running. An engine that went away meanwhile
    // has nothing left to remove, so a failure here must not hide the error being thrown.
    await container?.remove({ force: true, v: true }).catch(() => undefined);
  }
}

function timeoutError(
  image: string,
  timeoutMs: number,
  stdout: TailBuffer,
  stderr: TailBuffer,
): WorkbenchError {
  return new WorkbenchError({
    code: 'DOCKER_FAILED',
    message: `${image} did not finish within ${timeoutMs / 1000} s and was stopped.`,
    hint: 'Raise the time limit, or check that the command ends by itself.',
    details: { image, timeoutMs, stdout: stdout.text(), stderr: stderr.text() },
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Collects what a stream writes, keeping at most the last `limit` bytes. */
class TailBuffer extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.limit * 2) {
      const kept = Buffer.concat(this.chunks).subarray(-this.limit);
      this.chunks = [kept];
      this.size = kept.length;
    }
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).subarray(-this.limit).toString('utf8');
  }
}
