import { decodeTensor, encodeTensor } from '../../../../shared/tensors/base64Tensor.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { CellOutput, NotebookCell, TableOutput } from '../../../../shared/contract/notebooks.js';
import { useClient } from '../../../app/query/clientContext.js';
import { waitForJob } from '../../../app/query/waitForJob.js';
import { describeError } from '../../../lib/describeError.js';
import { buildChart, rowsToTable, toRows } from '../outputs/chartData.js';
import { runJavaScript, type JsHost } from './jsCell.js';

export type RunStatus = 'queued' | 'running' | 'done' | 'error';

type Update = (change: (cells: NotebookCell[]) => NotebookCell[]) => void;

/** What `mlw.sql` resolves with: rows as objects, and whether they are all of them. */
const withRows = (table: TableOutput) => ({
  columns: table.columns,
  rows: toRows(table),
  totalRows: table.totalRows,
  truncated: table.truncated,
  offset: table.offset ?? 0,
});

/**
 * Runs cells one at a time, in order: SQL through notebooks.runSql (a job in the main process),
 * JavaScript in a Web Worker. Interrupt stops the running cell and drops the queue.
 */
export function useCellRunner(notebook: string, update: Update) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Record<string, RunStatus>>({});
  const queue = useRef<NotebookCell[]>([]);
  const current = useRef<AbortController | null>(null);
  const counter = useRef(0);

  const setOne = (id: string, value: RunStatus): void => setStatus((s) => ({ ...s, [id]: value }));

  const host: JsHost = {
    async call(method, args) {
      if (method === 'sql') {
        // The worker checked the numbers; the contract checks them again.
        const [query, { limit, offset }] = args as [string, { limit: number; offset: number }];
        return withRows(await runSql(query, limit, offset));
      }
      if (method === 'datasets') {
        const list = await client.call('datasets.list', {});
        return list.map((d) => ({ slug: d.slug, name: d.name, rows: d.rows, columns: d.columns }));
      }
      if (method === 'modelOpen') {
        const [path] = args as [string];
        return client.call('models.open', { model: { kind: 'path', path } });
      }
      if (method === 'modelRun') {
        // The worker built the tensors with mlw.tensor; the contract checks them again.
        const [path, feeds] = args as [string, Record<string, TensorValue>];
        const encoded = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, encodeTensor(t)]));
        const { outputs, runMs } = await client.call('models.run', {
          model: { kind: 'path', path },
          feeds: encoded,
        });
        return {
          ...Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, decodeTensor(t)])),
          [Symbol.for('mlw.runMs')]: runMs,
        };
      }
      throw new Error(`mlw.${method} is not a function`);
    },
    output(kind, payload) {
      if (kind === 'table') {
        const rows = toRows(payload);
        const meta = typeof payload === 'object' && payload !== null ? payload : {};
        const total = 'totalRows' in meta ? Number(meta.totalRows) : rows.length;
        const offset = 'offset' in meta ? Number(meta.offset) : 0;
        const table = rowsToTable(rows, total);
        // A later page of mlw.sqlPages says which rows it holds.
        if (offset > 0) return { kind: 'table', table: { ...table, offset, truncated: true } };
        return { kind: 'table', table };
      }
      if (kind === 'chart')
        return { kind: 'chart', chart: buildChart(payload as Parameters<typeof buildChart>[0]) };
      if (kind === 'markdown') return { kind: 'markdown', text: String(payload) };
      return {
        kind: 'text',
        text: String(payload),
        ...(kind === 'stderr' ? { stream: 'stderr' as const } : {}),
      };
    },
  };

  const runSql = async (sql: string, limit: number, offset = 0): Promise<TableOutput> => {
    const job = await client.call('notebooks.runSql', { notebook, sql, limit, offset });
    const done = await waitForJob(queryClient, job.id);
    if (done.status === 'succeeded') return done.result as TableOutput;
    const error = done.error ?? { code: 'INTERNAL' as const, message: 'The query failed.' };
    throw Object.assign(new Error(error.message), { shape: error });
  };

  const runOne = async (cell: NotebookCell, signal: AbortSignal): Promise<boolean> => {
    const outputs: CellOutput[] = [];
    const started = performance.now();
    const put = (done: boolean): void =>
      update((cells) =>
        cells.map((c) =>
          c.id === cell.id
            ? {
                ...c,
                outputs: [...outputs],
                ...(done
                  ? { executionCount: ++counter.current, elapsedMs: Math.round(performance.now() - started) }
                  : {}),
              }
            : c,
        ),
      );
    update((cells) => cells.map((c) => (c.id === cell.id ? { ...c, outputs: [] } : c)));
    if (cell.language === 'sql') {
      const cancel = (): void => void client.call('notebooks.cancel', { notebook });
      signal.addEventListener('abort', cancel, { once: true });
      try {
        outputs.push({ kind: 'table', table: await runSql(cell.source, 1000) });
      } catch (error) {
        const shape = (error as { shape?: ReturnType<typeof describeError> }).shape ?? describeError(error);
        const details = shape.details ?? {};
        outputs.push({
          kind: 'error',
          ename:
            shape.code === 'CANCELLED'
              ? 'Interrupted'
              : typeof details.ename === 'string'
                ? details.ename
                : 'Error',
          evalue: shape.code === 'CANCELLED' ? 'The query was interrupted.' : shape.message,
          ...(typeof details.line === 'number' ? { line: details.line } : {}),
          ...(typeof details.column === 'number' ? { column: details.column } : {}),
        });
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    } else {
      await runJavaScript(
        cell.source,
        host,
        (output) => {
          outputs.push(output);
          put(false);
        },
        signal,
      );
    }
    put(true);
    return !outputs.some((o) => o.kind === 'error');
  };

  const drain = async (): Promise<void> => {
    if (current.current) return;
    while (queue.current.length > 0) {
      const cell = queue.current.shift();
      if (!cell) break;
      if (cell.type === 'markdown') {
        setOne(cell.id, 'done');
        continue;
      }
      const controller = new AbortController();
      current.current = controller;
      setOne(cell.id, 'running');
      const ok = await runOne(cell, controller.signal);
      current.current = null;
      setOne(cell.id, ok ? 'done' : 'error');
      // Like Jupyter's Run All: an error stops the cells after it.
      if (!ok) {
        for (const rest of queue.current) setOne(rest.id, 'done');
        queue.current = [];
      }
    }
  };

  const run = useCallback(
    (cells: NotebookCell[]) => {
      counter.current = Math.max(counter.current, ...cells.map((c) => c.executionCount ?? 0));
      for (const cell of cells) {
        queue.current.push(cell);
        setOne(cell.id, 'queued');
      }
      void drain();
    },
    // drain and runOne read refs and the latest props through closures made this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [notebook, update],
  );

  const interrupt = useCallback(() => {
    for (const cell of queue.current) setStatus((s) => ({ ...s, [cell.id]: 'done' }));
    queue.current = [];
    current.current?.abort();
  }, []);

  return {
    status,
    run,
    interrupt,
    busy: Object.values(status).some((s) => s === 'running' || s === 'queued'),
  };
}
