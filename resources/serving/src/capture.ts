import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureRow } from './captureRows.js';
import type { Logger } from './log.js';
import type { ServerMetrics } from './metrics.js';

export interface CaptureOffer {
  requestId: string;
  route: string;
  /** Called after the response is on its way, so turning tensors into JSON never delays it. */
  rows: () => CaptureRow[];
}

export interface CaptureWriter {
  /** Whether this request is in the sample (CAPTURE_SAMPLE_RATE); false for every request when capture is off. */
  sample(): boolean;
  offer(entry: CaptureOffer): void;
  /** Resolves once every offered line is written or dropped. */
  flush(): Promise<void>;
}

export interface CaptureOptions {
  dir: string | undefined;
  sampleRate: number;
  model: string;
  version: string;
  metrics: ServerMetrics;
  logger: Logger;
  /** Lines waiting to be written, in bytes; past it new lines are dropped (and counted), never waited for. */
  maxQueuedBytes?: number;
  random?: () => number;
  now?: () => Date;
}

/**
 * Appends sampled requests as JSON lines to <dir>/<yyyy-mm-dd>.jsonl (UTC), one line per row. Writes
 * happen one at a time off the request path; a slow or full disk fills the bounded queue and later
 * lines are dropped, so serving never waits for capture and never fails because of it.
 */
export function createCaptureWriter(options: CaptureOptions): CaptureWriter {
  const { dir, sampleRate, metrics, logger } = options;
  const maxQueuedBytes = options.maxQueuedBytes ?? 32 * 1024 * 1024;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const queue: { file: string; text: string; lines: number }[] = [];
  let queuedBytes = 0;
  let pending = 0;
  let writing: Promise<void> | undefined;
  let ready: Promise<void> | undefined;
  const warned = new Set<string>();
  let idle: (() => void)[] = [];

  const drop = (lines: number, reason: string, fields?: Record<string, unknown>) => {
    metrics.captureDropped(lines);
    // Once per reason: a full disk would otherwise write a log line for every request.
    if (warned.has(reason)) return;
    warned.add(reason);
    logger.warn('capture lines dropped', { reason, dir, ...fields });
  };

  const settleIfIdle = () => {
    if (pending > 0 || writing || queue.length > 0) return;
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  };

  const writeQueued = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      queuedBytes = 0;
      const byFile = new Map<string, { text: string[]; lines: number }>();
      for (const item of batch) {
        const group = byFile.get(item.file) ?? { text: [], lines: 0 };
        group.text.push(item.text);
        group.lines += item.lines;
        byFile.set(item.file, group);
      }
      for (const [file, group] of byFile) {
        try {
          ready ??= mkdir(dir as string, { recursive: true }).then(() => undefined);
          await ready;
          await appendFile(file, group.text.join(''));
          metrics.captureWritten(group.lines);
        } catch (error) {
          ready = undefined;
          drop(group.lines, 'write failed', { error: (error as Error).message });
        }
      }
    }
  };

  const startWriting = () => {
    if (writing) return;
    writing = writeQueued().finally(() => {
      writing = undefined;
      if (queue.length > 0) startWriting();
      else settleIfIdle();
    });
  };

  const enqueue = (entry: CaptureOffer) => {
    const at = now();
    const ts = at.toISOString();
    let rows: CaptureRow[];
    try {
      rows = entry.rows();
    } catch (error) {
      drop(1, 'rows could not be built', { error: (error as Error).message });
      return;
    }
    const head = {
      ts,
      requestId: entry.requestId,
      model: options.model,
      version: options.version,
      route: entry.route,
    };
    const text = rows
      .map((row) => `${JSON.stringify({ ...head, inputs: row.inputs, outputs: row.outputs })}\n`)
      .join('');
    const bytes = Buffer.byteLength(text);
    if (queuedBytes + bytes > maxQueuedBytes) {
      drop(rows.length, 'queue full', { maxQueuedBytes });
      return;
    }
    queue.push({ file: join(dir as string, `${ts.slice(0, 10)}.jsonl`), text, lines: rows.length });
    queuedBytes += bytes;
    startWriting();
  };

  return {
    sample: () => dir !== undefined && random() < sampleRate,
    offer(entry) {
      if (dir === undefined) return;
      pending++;
      setImmediate(() => {
        pending--;
        enqueue(entry);
        settleIfIdle();
      });
    },
    flush: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        settleIfIdle();
      }),
  };
}
