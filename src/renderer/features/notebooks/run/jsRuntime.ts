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
  const call = (method: string, args: unknown[]): Promise<unknown> => {
    // The reply arrives in a fresh task; keep the caller's stack so a failure names the cell's line.
    const origin = new Error();
    return new Promise((resolve, reject) => {
      const id = next++;
      const fail = (error: Error): void => {
        error.stack = `${error.name}: ${error.message}\n${(origin.stack ?? '').split('\n').slice(1).join('\n')}`;
        reject(error);
      };
      waiting.set(id, { resolve, reject: fail });
      scope.postMessage({ type: 'call', id, method, args });
    });
  };
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
  // Keep in step with SQL_MAX_ROWS in the contract (this function cannot import it).
  const DEFAULT_ROWS = 10000;
  const MAX_ROWS = 100000;
  const count = (value: unknown, name: string, min: number, max: number, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(
        `${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}; got ${typeof value === 'number' ? value : typeof value}. ` +
          'To read more rows, use mlw.sqlPages(query), or aggregate in SQL.',
      );
    }
    return value;
  };
  type Page = { rows: unknown[]; totalRows: number; truncated: boolean };
  const sql = async (query: string, options?: { limit?: number; offset?: number }): Promise<Page> => {
    const limit = count(options?.limit, 'mlw.sql: limit', 1, MAX_ROWS, DEFAULT_ROWS);
    const offset = count(options?.offset, 'mlw.sql: offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const result = (await call('sql', [query, { limit, offset }])) as Page;
    // The default limit cut the result: say so where the user looks, not only in `truncated`.
    if (result.truncated && options?.limit === undefined && offset === 0) {
      emit(
        'stderr',
        `mlw.sql: the result has ${result.totalRows.toLocaleString('en-US')} rows; this holds the first ` +
          `${result.rows.length.toLocaleString('en-US')}. Pass { limit } (up to ${MAX_ROWS.toLocaleString('en-US')}), ` +
          'read every row with mlw.sqlPages(query), or aggregate in SQL.',
      );
    }
    return result;
  };
  /** Every row of a result, a page at a time: the query runs once per page (give it an ORDER BY). */
  async function* sqlPages(query: string, options?: { pageSize?: number }): AsyncGenerator<Page> {
    const pageSize = count(options?.pageSize, 'mlw.sqlPages: pageSize', 1, MAX_ROWS, DEFAULT_ROWS);
    for (let offset = 0; ;) {
      const page = (await call('sql', [query, { limit: pageSize, offset }])) as Page;
      if (page.rows.length === 0) return;
      yield page;
      offset += page.rows.length;
      if (offset >= page.totalRows) return;
    }
  }
  // Element types as ONNX Runtime names them; float16 travels as raw 16-bit patterns.
  const typedArrays: Record<
    string,
    { from(values: ArrayLike<unknown>, map?: (v: unknown) => unknown): unknown }
  > = {
    float32: Float32Array,
    float64: Float64Array,
    float16: Uint16Array,
    int8: Int8Array,
    uint8: Uint8Array,
    int16: Int16Array,
    uint16: Uint16Array,
    int32: Int32Array,
    uint32: Uint32Array,
    int64: BigInt64Array,
    uint64: BigUint64Array,
    bool: Uint8Array,
  };
  const tensor = (type: string, dims: number[], values: ArrayLike<unknown>) => {
    if (!Array.isArray(dims) || dims.some((d) => !Number.isInteger(d) || d < 0))
      throw new TypeError(
        `mlw.tensor: dims must be an array of whole numbers, e.g. [1, 4]; got ${show(dims)}`,
      );
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size)
      throw new RangeError(
        `mlw.tensor: dims [${dims.join(', ')}] hold ${size} values; ${values.length} were given`,
      );
    if (type === 'string') return { type, dims: [...dims], data: Array.from(values, String) };
    const make = typedArrays[type];
    if (!make)
      throw new TypeError(
        `mlw.tensor: unknown element type "${type}"; use one of ${Object.keys(typedArrays).join(', ')}, string`,
      );
    const convert =
      type === 'int64' || type === 'uint64'
        ? (v: unknown) => BigInt(v as number)
        : type === 'bool'
          ? (v: unknown) => (v ? 1 : 0)
          : undefined;
    return { type, dims: [...dims], data: convert ? make.from(values, convert) : make.from(values) };
  };
  const model = async (path: string) => {
    const info = (await call('modelOpen', [path])) as { inputs: unknown[]; outputs: unknown[] };
    return Object.freeze({
      path,
      inputs: info.inputs,
      outputs: info.outputs,
      run: (feeds: Record<string, unknown>) => call('modelRun', [path, feeds]),
    });
  };
  scope.mlw = Object.freeze({
    sql,
    sqlPages,
    datasets: () => call('datasets', []),
    model,
    tensor,
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
