import autocannon from 'autocannon';
import type { LoadTestMeasurement, LoadTestSample } from '../../../../shared/contract/containerLoadtests.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { percentile } from './percentiles.js';

/** One request body, with the headers that describe it (a binary body's content type and header length). */
export interface LoadBody {
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface LoadTestOptions {
  /** The server, e.g. http://127.0.0.1:49152. */
  url: string;
  path: string;
  method: 'GET' | 'POST';
  /** The bodies every connection cycles through, so the server is not answering one input. */
  bodies?: LoadBody[];
  headers?: Record<string, string>;
  connections: number;
  /** Send for this long, or until `amount` requests have been answered. */
  durationS?: number;
  amount?: number;
  /** Seconds a request may wait for its answer before it counts as an error. */
  timeoutS?: number;
  signal?: AbortSignal;
  onSample?: (sample: LoadTestSample) => void;
}

/** A growable list of latencies: a 10 s test at a few thousand requests a second keeps them all. */
class Latencies {
  private values = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

interface Tally {
  ok: Latencies;
  requests: number;
  errors: number;
  non2xx: number;
}

const freshTally = (): Tally => ({ ok: new Latencies(), requests: 0, errors: 0, non2xx: 0 });

/**
 * Drives autocannon against a server and measures it ourselves from every answer: autocannon's
 * own histogram keeps whole milliseconds, too coarse for a model answering in one or two.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestMeasurement> {
  if (options.signal?.aborted) throw cancelled();
  const bodies = options.bodies && options.bodies.length > 0 ? options.bodies : [undefined];
  const headers = { 'content-type': 'application/json', ...options.headers };
  const startedAt = new Date();
  const started = performance.now();
  const all = freshTally();
  let second = freshTally();
  let bytes = 0;
  const samples: LoadTestSample[] = [];
  // autocannon refuses more connections than requests; the extra ones would have nothing to send.
  const connections =
    options.amount === undefined ? options.connections : Math.min(options.connections, options.amount);

  let finish: (error: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) =>
      error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve();
  });
  const instance = autocannon(
    {
      url: options.url,
      connections,
      ...(options.amount === undefined ? { duration: options.durationS ?? 10 } : { amount: options.amount }),
      timeout: options.timeoutS ?? 30,
      requests: bodies.map((body) => ({
        method: options.method,
        path: options.path,
        headers: { ...headers, ...body?.headers },
        ...(body === undefined ? {} : { body: body.body }),
      })),
    },
    (error) => finish(error),
  );

  instance.on('response', (_client, statusCode, resBytes, ms) => {
    for (const tally of [all, second]) {
      tally.requests += 1;
      if (statusCode >= 200 && statusCode < 300) tally.ok.push(ms);
      else tally.non2xx += 1;
    }
    bytes += resBytes;
  });
  instance.on('reqError', () => {
    all.errors += 1;
    second.errors += 1;
  });

  const emit = (): void => {
    const sorted = second.ok.sorted();
    const sample: LoadTestSample = {
      t: samples.length + 1,
      requests: second.requests,
      rps: second.requests,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      errors: second.errors,
      non2xx: second.non2xx,
    };
    second = freshTally();
    samples.push(sample);
    options.onSample?.(sample);
  };
  const ticker = setInterval(emit, 1000);
  const abort = (): void => instance.stop();
  options.signal?.addEventListener('abort', abort, { once: true });

  try {
    await finished;
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', abort);
  }
  if (options.signal?.aborted) throw cancelled();
  // The part second since the last sample, if anything was answered in it.
  if (second.requests > 0 || second.errors > 0) emit();

  const durationS = (performance.now() - started) / 1000;
  const sorted = all.ok.sorted();
  const mean = sorted.length > 0 ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : null;
  return {
    connections,
    durationS,
    requests: all.requests,
    ok: sorted.length,
    rpsMean: durationS > 0 ? all.requests / durationS : 0,
    latency: {
      mean,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? null) : null,
    },
    errors: all.errors,
    non2xx: all.non2xx,
    bytes,
    startedAt: startedAt.toISOString(),
    samples,
  };
}

const cancelled = (): WorkbenchError =>
  new WorkbenchError({ code: 'CANCELLED', message: 'The load test was cancelled.' });
