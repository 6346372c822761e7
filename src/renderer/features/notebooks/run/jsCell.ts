import type { CellOutput } from '../../../../shared/contract/notebooks.js';
import { workerRuntime } from './jsRuntime.js';

/** What a cell's `mlw` calls reach on the page side: the contract client, through the host. */
export interface JsHost {
  call(method: string, args: unknown[]): Promise<unknown>;
  /** Turns what the cell emitted (table, chart, text…) into an output; throws on a bad argument. */
  output(kind: string, payload: unknown): CellOutput;
}

const CELL_START = '/* cell */';

/**
 * Builds the worker's script: the runtime, then the cell inside an async function so `await` works
 * at the top level. The cell begins on a known line, so an error's line maps back to the cell.
 */
function buildScript(code: string): { script: string; firstLine: number } {
  const head = `(${workerRuntime.toString()})();\nself.__cell = async () => { ${CELL_START}\n`;
  const tail = `\n};\nself.__cell().then(() => self.postMessage({ type: 'done' }), (e) => self.postMessage({ type: 'failed', name: e && e.name || 'Error', message: e && e.message || String(e), stack: e && e.stack || '' }));\n`;
  return { script: head + code + tail, firstLine: head.split('\n').length };
}

/**
 * The first `blob:…:line:column` of a stack that falls inside the cell, mapped to the cell's own
 * lines: frames of the mlw API (same blob, earlier lines) are skipped, so an error from mlw.model or
 * mlw.sql points at the user's line that called it.
 */
function stackPosition(stack: string, firstLine: number): { line?: number; column?: number } {
  for (const match of stack.matchAll(/blob:[^\s)]*:(\d+):(\d+)/g)) {
    const line = Number(match[1]) - firstLine + 1;
    if (line >= 1) return { line, column: Number(match[2]) };
  }
  return {};
}

/**
 * Runs a JavaScript cell in a Web Worker of its own: off the main thread, without Node, without
 * the page's DOM. Aborting terminates the worker at once, whatever the cell is doing.
 */
export function runJavaScript(
  code: string,
  host: JsHost,
  onOutput: (output: CellOutput) => void,
  signal: AbortSignal,
): Promise<void> {
  const { script, firstLine } = buildScript(code);
  const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return new Promise<void>((resolve) => {
    const finish = (): void => {
      worker.terminate();
      URL.revokeObjectURL(url);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const fail = (ename: string, evalue: string, where: { line?: number; column?: number }): void => {
      onOutput({ kind: 'error', ename, evalue, ...where });
      finish();
    };
    const onAbort = (): void => fail('Interrupted', 'The cell was interrupted.', {});
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const line = event.lineno - firstLine + 1;
      const message = event.message.replace(/^Uncaught /, '');
      const [name, ...rest] = message.split(': ');
      fail(rest.length ? (name ?? 'Error') : 'Error', rest.length ? rest.join(': ') : message, {
        ...(line >= 1 ? { line, column: event.colno } : {}),
      });
    });
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'done') finish();
      else if (message.type === 'failed') {
        fail(message.name, message.message, stackPosition(message.stack, firstLine));
      } else if (message.type === 'emit') {
        try {
          onOutput(host.output(message.kind, message.payload));
        } catch (error) {
          onOutput({ kind: 'error', ename: 'TypeError', evalue: (error as Error).message });
        }
      } else {
        host.call(message.method, message.args).then(
          (value) => worker.postMessage({ type: 'reply', id: message.id, value }),
          (error: unknown) =>
            worker.postMessage({ type: 'reply', id: message.id, error: (error as Error).message }),
        );
      }
    });
  });
}

type WorkerMessage =
  | { type: 'done' }
  | { type: 'failed'; name: string; message: string; stack: string }
  | { type: 'emit'; kind: string; payload: unknown }
  | { type: 'call'; id: number; method: string; args: unknown[] };
