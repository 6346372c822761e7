import * as ort from 'onnxruntime-node';
import { badRequest } from './httpError.js';
import type { Feeds } from './inference.js';
import type { LoadedModel, TensorInfo } from './model.js';
import { checkInputNames, checkSymbolicDims, flatten, formatShape, typedData } from './tensorIn.js';

export interface RecordsRun {
  feeds: Feeds;
  /** How many records this run holds: all of them, or one for a model whose batch dim is fixed at 1. */
  rows: number;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The runs for `{"records": [...]}`: each record holds one row of every input, and the rows are
 * stacked on dim 0. A model whose first dim is fixed at 1 is run once per record instead.
 */
export function recordsToRuns(model: LoadedModel, records: unknown, maxBatch: number): RecordsRun[] {
  const example = `{"${model.inputs[0]?.name ?? 'x'}": …}`;
  if (!Array.isArray(records))
    throw badRequest(`"records" must be an array with one object per row, like [${example}].`);
  if (records.length === 0) throw badRequest('"records" is empty: send at least one row.');
  if (records.length > maxBatch)
    throw badRequest(
      `"records" has ${records.length} rows, more than the server's limit of ${maxBatch} (MAX_BATCH); send fewer rows per request.`,
    );
  const objects = records.map((record, i) => {
    if (!isPlainObject(record))
      throw badRequest(`Record ${i} is not an object of input values like ${example}.`);
    checkInputNames(model, Object.keys(record), `Record ${i}`);
    return record;
  });
  const perRun = rowsPerRun(model, objects.length);
  const inputs = model.inputs.map((info) => ({ info, ...rowsOfInput(info, objects) }));
  const runs: RecordsRun[] = [];
  for (let start = 0; start < objects.length; start += perRun) {
    const rows = Math.min(perRun, objects.length - start);
    const feeds: Feeds = {};
    for (const { info, rowShape, rows: data } of inputs)
      feeds[info.name] = new ort.Tensor(
        info.type as ort.Tensor.Type,
        concat(data.slice(start, start + rows)),
        [rows, ...rowShape],
      );
    checkSymbolicDims(
      model,
      Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, tensor.dims])),
    );
    runs.push({ feeds, rows });
  }
  return runs;
}

function rowsPerRun(model: LoadedModel, records: number): number {
  let perRecord = false;
  for (const info of model.inputs) {
    const first = info.shape[0];
    if (typeof first !== 'number') continue;
    if (first === 1) perRecord = true;
    else if (first !== records)
      throw badRequest(
        `The model's input "${info.name}" takes exactly ${first} rows (its first dim is fixed), but "records" has ${records}; send ${first} records, or named tensors as "inputs".`,
      );
  }
  return perRecord ? 1 : records;
}

/** Each record's value of one input as typed data, all of one row shape the model can take. */
function rowsOfInput(
  info: TensorInfo,
  records: readonly Record<string, unknown>[],
): { rowShape: number[]; rows: ort.Tensor.DataType[] } {
  const declared = info.shape.slice(1);
  let rowShape: number[] | undefined;
  const rows = records.map((record, i) => {
    const label = `Record ${i} input "${info.name}"`;
    const { shape, leaves } = flatten(record[info.name], label);
    const fits =
      info.shape.length === 0 ||
      (shape.length === declared.length &&
        declared.every((dim, k) => typeof dim !== 'number' || dim === shape[k]));
    if (!fits)
      throw badRequest(
        `${label} has shape [${shape.join(', ')}], but one row of "${info.name}" is ${formatShape(declared)} (the model takes ${formatShape(info.shape)}).`,
      );
    if (rowShape === undefined) rowShape = shape;
    else if (shape.join() !== rowShape.join())
      throw badRequest(
        `${label} has shape [${shape.join(', ')}], but record 0 has [${rowShape.join(', ')}]; every record's "${info.name}" must have the same shape.`,
      );
    return typedData(info.type, leaves, label);
  });
  return { rowShape: rowShape ?? [], rows };
}

function concat(parts: readonly ort.Tensor.DataType[]): ort.Tensor.DataType {
  const [first] = parts;
  if (parts.length === 1 && first !== undefined) return first;
  if (Array.isArray(first)) return (parts as string[][]).flat();
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const Typed = (first as Exclude<ort.Tensor.DataType, string[]>).constructor as new (
    length: number,
  ) => Exclude<ort.Tensor.DataType, string[]>;
  const joined = new Typed(total);
  let offset = 0;
  for (const part of parts as Exclude<ort.Tensor.DataType, string[]>[]) {
    (joined as { set(source: ArrayLike<number | bigint>, offset: number): void }).set(part, offset);
    offset += part.length;
  }
  return joined;
}
