import type { ChartSpec, ChartType, TableOutput } from '../../../../shared/contract/notebooks.js';

/** What a cell may pass as data: a query result, rows as objects, or rows as arrays with columns. */
export type Rows = Record<string, unknown>[];

const MAX_POINTS = 2000;

/** Rows as objects from a TableOutput, an `mlw.sql` result, or an array of objects. */
export function toRows(data: unknown): Rows {
  if (Array.isArray(data)) {
    return data.map((row) =>
      typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : { value: row },
    );
  }
  if (typeof data === 'object' && data !== null && 'rows' in data && Array.isArray(data.rows)) {
    const columns =
      'columns' in data && Array.isArray(data.columns) ? (data.columns as { name: string }[]) : [];
    return (data.rows as unknown[]).map((row) =>
      Array.isArray(row)
        ? Object.fromEntries(columns.map((c, i) => [c.name, row[i]]))
        : (row as Record<string, unknown>),
    );
  }
  throw new TypeError('Expected rows (an array of objects) or a result of mlw.sql().');
}

export function rowsToTable(rows: Rows, totalRows = rows.length): TableOutput {
  const names = [...new Set(rows.slice(0, 100).flatMap((row) => Object.keys(row)))];
  const columns = names.map((name) => {
    const sample = rows.find((row) => row[name] !== null && row[name] !== undefined)?.[name];
    return {
      name,
      type: typeof sample === 'number' ? 'DOUBLE' : typeof sample === 'boolean' ? 'BOOLEAN' : 'VARCHAR',
    };
  });
  const limited = rows.slice(0, 10_000);
  return {
    columns,
    rows: limited.map((row) => names.map((name) => row[name] ?? null)),
    totalRows,
    truncated: totalRows > limited.length,
    elapsedMs: 0,
  };
}

const toNumber = (value: unknown): number | null => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : null;
};

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = sorted[Math.ceil(pos)] ?? 0;
  const base = sorted[lower] ?? 0;
  return base + (upper - base) * (pos - lower);
}

/**
 * Turns raw rows into what the chart draws, so a saved notebook holds a small, finished chart:
 * histograms as bins, box plots as five-number summaries per group, scatter capped in points.
 */
export function buildChart(input: {
  type: ChartType;
  data: unknown;
  x: string;
  y?: string;
  title?: string;
  bins?: number;
}): ChartSpec {
  const rows = toRows(input.data);
  if (rows.length > 0 && !(input.x in (rows[0] ?? {}))) {
    throw new TypeError(
      `There is no column "${input.x}" (columns: ${Object.keys(rows[0] ?? {}).join(', ')}).`,
    );
  }
  const base = { type: input.type, x: input.x, ...(input.title ? { title: input.title } : {}) };
  if (input.type === 'histogram') {
    const values = rows.map((row) => toNumber(row[input.x])).filter((v): v is number => v !== null);
    const bins = input.bins ?? 30;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const width = max > min ? (max - min) / bins : 1;
    const counts = Array.from({ length: bins }, () => 0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]! += 1;
    const data =
      values.length === 0
        ? []
        : counts.map((count, i) => ({ from: min + i * width, to: min + (i + 1) * width, count }));
    return { ...base, y: 'count', bins, data };
  }
  const y = input.y;
  if (!y) throw new TypeError(`A ${input.type} chart needs y: the column to plot against "${input.x}".`);
  if (input.type === 'box') {
    const groups = new Map<string, number[]>();
    for (const row of rows) {
      const value = toNumber(row[y]);
      if (value === null) continue;
      const raw = row[input.x];
      const key =
        raw === null || raw === undefined
          ? '(missing)'
          : typeof raw === 'string'
            ? raw
            : typeof raw === 'number' || typeof raw === 'boolean'
              ? String(raw)
              : JSON.stringify(raw);
      groups.set(key, [...(groups.get(key) ?? []), value]);
    }
    const data = [...groups].map(([group, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return {
        group,
        min: sorted[0] ?? 0,
        q1: quantile(sorted, 0.25),
        median: quantile(sorted, 0.5),
        q3: quantile(sorted, 0.75),
        max: sorted.at(-1) ?? 0,
        count: sorted.length,
      };
    });
    return { ...base, y, data };
  }
  const step = Math.max(1, Math.ceil(rows.length / MAX_POINTS));
  const data = rows
    .filter((_, i) => i % step === 0)
    .map((row) => ({ [input.x]: row[input.x], [y]: toNumber(row[y]) }));
  return { ...base, y, data };
}
