import type {
  DriftColumn,
  DriftReport,
  DriftSettings,
  ModelQuality,
} from '../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import { bySeverity, compareColumn, type LoadedColumn } from '../../../shared/drift/columnComparison.js';
import { classificationMetrics, regressionMetrics } from '../../../shared/drift/modelQuality.js';
import { sortValues } from '../../../shared/drift/statistics/index.js';
import { guessColumnMapping } from '../../../shared/models/columnMapping.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import { sqlIdentifier, type DuckDb } from '../duckdb/index.js';
import type { ModelService } from '../models/index.js';

export interface PredictionDeps {
  duckdb: DuckDb;
  models: Pick<ModelService, 'open' | 'run'>;
  resolveModel(name: string, version?: number): Promise<{ version: number; sha256: string; path: string }>;
}

/** Each side is predicted on a reproducible sample of at most this many rows. */
export const MAX_PREDICTION_ROWS = 100_000;
const BATCH_ROWS = 10_000;
/** An output this wide per row is compared element by element; wider ones are left out. */
const MAX_OUTPUT_WIDTH = 16;
export const PREDICTED_CLASS = 'predicted class';

type Prediction = NonNullable<DriftReport['prediction']>;

interface PredictedSide {
  rows: number;
  columns: Map<string, LoadedColumn>;
  quality: ModelQuality | null;
}

/**
 * Runs a registry model on a sample of both sides and compares its outputs as columns (each output
 * element, and the predicted class of a classifier); with a label column, its quality on each side.
 */
export async function predictionDrift(
  deps: PredictionDeps,
  report: Pick<DriftReport, 'baseline' | 'current' | 'columns'>,
  sides: { baseline: string; current: string },
  settings: DriftSettings,
  signal?: AbortSignal,
): Promise<Prediction> {
  const chosen = settings.model;
  if (!chosen) throw new Error('predictionDrift needs settings.model');
  const model = await deps.resolveModel(chosen.name, chosen.version);
  const { inputs } = await deps.models.open(model.path, undefined, signal);
  const features = report.baseline.columns.filter(
    (column) => column.name !== settings.label && !settings.ignore.includes(column.name),
  );
  const mapping = guessColumnMapping(inputs, features);
  const unmapped = inputs.filter((input) => !mapping[input.name]);
  if (unmapped.length > 0)
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The model ${chosen.name}'s input ${unmapped.map((i) => i.name).join(', ')} cannot be filled from the baseline's columns (${features.map((c) => c.name).join(', ')}).`,
      hint: 'Name the baseline columns like the model inputs, or give the model a single input as wide as the numeric feature columns; ignore the others.',
    });
  const currentName = new Map(report.columns.map((column) => [column.column, column.currentColumn]));
  const hasLabel = (columns: readonly { name: string }[]) =>
    settings.label !== undefined && columns.some((column) => column.name === settings.label);
  const predict = (sql: string, translate: (name: string) => string, label: boolean) =>
    predictSide(
      deps,
      model.path,
      inputs,
      { sql, mapping, translate, label: label ? settings.label : undefined },
      signal,
    );
  const baseline = await predict(sides.baseline, (name) => name, hasLabel(report.baseline.columns));
  const current = await predict(
    sides.current,
    (name) => currentName.get(name) ?? name,
    hasLabel(report.current.columns),
  );
  const names = [...baseline.columns.keys()].filter((name) => current.columns.has(name));
  const columns: DriftColumn[] = names
    .map(
      (name) =>
        compareColumn(
          {
            column: name,
            currentColumn: name,
            baseline: baseline.columns.get(name) as LoadedColumn,
            current: current.columns.get(name) as LoadedColumn,
            mismatch: null,
          },
          settings,
          baseline.rows,
        ).result,
    )
    .sort(bySeverity);
  return {
    model: { name: chosen.name, version: model.version, sha256: model.sha256 },
    columns,
    quality:
      baseline.quality && current.quality ? { baseline: baseline.quality, current: current.quality } : null,
  };
}

interface SideRequest {
  sql: string;
  mapping: Record<string, string[]>;
  /** A baseline column's name on this side (captured tensors are named input[i]). */
  translate: (name: string) => string;
  label: string | undefined;
}

async function predictSide(
  deps: PredictionDeps,
  modelPath: string,
  inputs: readonly ValueInfo[],
  request: SideRequest,
  signal?: AbortSignal,
): Promise<PredictedSide> {
  const featureColumns = inputs.flatMap((input) =>
    (request.mapping[input.name] ?? []).map(request.translate),
  );
  const read = [...featureColumns, ...(request.label ? [request.label] : [])];
  const complete = featureColumns.map((column) => `${sqlIdentifier(column)} IS NOT NULL`).join(' AND ');
  const outputs: Record<string, TensorValue[]> = {};
  const labels: unknown[] = [];
  let rows = 0;
  await deps.duckdb.withConnection(async (session) => {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE mlw_predict AS SELECT ${read.map(sqlIdentifier).join(', ')} FROM (SELECT * FROM ${request.sql} WHERE ${complete}) USING SAMPLE reservoir(${MAX_PREDICTION_ROWS} ROWS) REPEATABLE (1)`,
      { signal },
    );
    for (let offset = 0; ; offset += BATCH_ROWS) {
      const batch = await session.rowArrays(
        `SELECT * FROM mlw_predict ORDER BY rowid LIMIT ${BATCH_ROWS} OFFSET ${offset}`,
        { signal },
      );
      if (batch.length === 0) break;
      rows += batch.length;
      const feeds = feedsOf(inputs, request.mapping, batch);
      const result = await deps.models.run(modelPath, feeds, undefined, signal);
      for (const [name, tensor] of Object.entries(result.outputs)) (outputs[name] ??= []).push(tensor);
      if (request.label) for (const row of batch) labels.push(row[featureColumns.length]);
      if (batch.length < BATCH_ROWS) break;
    }
  });
  const columns = outputColumns(outputs);
  return { rows, columns: columns.loaded, quality: request.label ? quality(columns, labels) : null };
}

/** One batch's feeds: a 2-D input takes its columns in order, a 1-D input its one column. */
function feedsOf(
  inputs: readonly ValueInfo[],
  mapping: Record<string, string[]>,
  batch: unknown[][],
): Record<string, TensorValue> {
  const feeds: Record<string, TensorValue> = {};
  let first = 0;
  for (const input of inputs) {
    const width = mapping[input.name]?.length ?? 0;
    const type = input.type ?? 'float32';
    if (type !== 'float32' && type !== 'float64')
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `The model's input ${input.name} takes ${type} values; prediction drift feeds float32 or float64 features.`,
        hint: 'Compare the data alone (without --model), or export the model with float inputs.',
      });
    const data =
      type === 'float32' ? new Float32Array(batch.length * width) : new Float64Array(batch.length * width);
    batch.forEach((row, r) => {
      for (let j = 0; j < width; j++) data[r * width + j] = Number(row[first + j]);
    });
    feeds[input.name] = {
      type,
      dims: (input.shape?.length ?? 2) === 1 ? [batch.length] : [batch.length, width],
      data,
    };
    first += width;
  }
  return feeds;
}

interface OutputColumns {
  loaded: Map<string, LoadedColumn>;
  /** The class a classifier predicts per row, and the per-class scores it came from. */
  classes: { predicted: Int32Array; scores: Float64Array[] | null; names: string[] | null } | null;
  /** A regressor's single numeric output. */
  regression: Float64Array | null;
}

function outputColumns(outputs: Record<string, TensorValue[]>): OutputColumns {
  const loaded = new Map<string, LoadedColumn>();
  let classes: OutputColumns['classes'] = null;
  let widest: { name: string; scores: Float64Array[] } | null = null;
  let single: Float64Array | null = null;
  for (const [name, parts] of Object.entries(outputs)) {
    const rows = parts.reduce((sum, part) => sum + (part.dims[0] ?? 0), 0);
    const width = parts[0]?.dims.slice(1).reduce((a, b) => a * b, 1) ?? 1;
    if (parts.some((part) => part.type === 'string')) {
      const values = parts.flatMap((part) => part.data as string[]);
      loaded.set(name, countsOf(values));
      const names = [...new Set(values)].sort();
      classes ??= { predicted: Int32Array.from(values, (v) => names.indexOf(v)), scores: null, names };
      continue;
    }
    if (width > MAX_OUTPUT_WIDTH) continue;
    const columns = Array.from({ length: width }, () => new Float64Array(rows));
    let row = 0;
    for (const part of parts) {
      const data = part.data as ArrayLike<number | bigint>;
      const n = part.dims[0] ?? 0;
      for (let r = 0; r < n; r++)
        for (let j = 0; j < width; j++) (columns[j] as Float64Array)[row + r] = Number(data[r * width + j]);
      row += n;
    }
    columns.forEach((values, j) =>
      loaded.set(width === 1 ? name : `${name}[${j}]`, {
        form: 'values',
        values: sortValues(values.filter(Number.isFinite)),
        missing: values.filter((v) => !Number.isFinite(v)).length,
        rows,
      }),
    );
    const integral = parts.every((part) => part.type.startsWith('int'));
    if (width === 1 && integral)
      classes ??= { predicted: Int32Array.from(columns[0] as Float64Array), scores: null, names: null };
    else if (width === 1) single ??= columns[0] as Float64Array;
    else if (!widest || /prob/i.test(name)) widest = { name, scores: columns };
  }
  if (widest) {
    const { scores } = widest;
    const rows = scores[0]?.length ?? 0;
    const predicted = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < scores.length; c++) if ((scores[c]?.[r] ?? 0) > (scores[best]?.[r] ?? 0)) best = c;
      predicted[r] = best;
    }
    if (!classes) classes = { predicted, scores, names: null };
    else if (!classes.scores) classes.scores = scores;
  }
  if (classes)
    loaded.set(
      PREDICTED_CLASS,
      countsOf(Array.from(classes.predicted, (c) => classes.names?.[c] ?? String(c))),
    );
  return { loaded, classes, regression: classes ? null : single };
}

function countsOf(values: readonly string[]): LoadedColumn {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return { form: 'counts', counts, missing: 0, rows: values.length };
}

function quality(columns: OutputColumns, labels: unknown[]): PredictedSide['quality'] {
  const present = labels.filter((label) => label !== null && label !== undefined);
  if (present.length !== labels.length || labels.length === 0) return null;
  if (columns.classes) {
    const { predicted, scores, names } = columns.classes;
    const index = (label: unknown) => (names ? names.indexOf(String(label)) : Number(label));
    const classes = scores?.length ?? names?.length ?? Math.max(...predicted) + 1;
    const truth = Int32Array.from(labels, index);
    const known = truth.every((c) => Number.isInteger(c) && c >= 0 && c < Math.max(classes, 1));
    const metrics = known
      ? classificationMetrics(truth, predicted, scores ?? [])
      : { accuracy: null, f1: null, rocAuc: null };
    return {
      task: 'classification',
      metrics: { ...metrics, rocAuc: scores && known ? metrics.rocAuc : null },
      rows: labels.length,
    };
  }
  if (columns.regression) {
    const truth = Float64Array.from(labels, Number);
    return { task: 'regression', metrics: regressionMetrics(truth, columns.regression), rows: labels.length };
  }
  return null;
}
