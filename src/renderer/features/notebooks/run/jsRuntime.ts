/**
 * The `mlw` API inside a JavaScript cell's worker. It is serialized with Function.prototype.toString
 * into the worker's own script (a blob), so it must not refer to anything outside its body.
 * Messages: worker → page {type: 'call', id, method, args} | {type: 'emit', kind, payload};
 * page → worker {type: 'reply', id, value | error}.
 */
export function workerRuntime(): void {
  type Reply = { type: 'reply'; id: number; value?: unknown; error?: string };
  const scope = self as unknown as {
    postMessage(message: unknown): void;
    addEventListener(type: 'message', listener: (event: MessageEvent<Reply>) => void): void;
    mlw: unknown;
    console: Console;
  };
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  scope.addEventListener('message', (event) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.error !== undefined) pending.reject(new Error(reply.error));
    else pending.resolve(reply.value);
  });
  const call = (method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      scope.postMessage({ type: 'call', id, method, args });
    });
  const emit = (kind: string, payload: unknown): void => scope.postMessage({ type: 'emit', kind, payload });
  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const print = (...values: unknown[]): void => emit('text', values.map(show).join(' '));
  scope.mlw = Object.freeze({
    sql: (query: string, options?: { limit?: number }) => call('sql', [query, options?.limit ?? 10000]),
    datasets: () => call('datasets', []),
    table: (data: unknown) => emit('table', data),
    chart: (spec: unknown) => emit('chart', spec),
    print,
    markdown: (text: string) => emit('markdown', String(text)),
  });
  scope.console.log = print;
  scope.console.info = print;
  scope.console.warn = (...values: unknown[]) => emit('stderr', values.map(show).join(' '));
  scope.console.error = scope.console.warn;
}
