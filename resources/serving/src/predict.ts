import { HttpError, badRequest } from './httpError.js';
import { infer, offerCapture, type Feeds, type Outputs } from './inference.js';
import type { LoadedModel } from './model.js';
import { isPlainObject, recordsToRuns } from './records.js';
import type { RequestContext, Route } from './router.js';
import { requireModel, type ServerState } from './state.js';
import { checkBatch, checkInputNames, checkSymbolicDims, flatten, makeTensor } from './tensorIn.js';
import { rowsOf, tensorJson } from './tensorOut.js';

/** POST /predict: rows as records, or named tensors, for clients that do not speak the v2 protocol. */
export function predictRoute(state: ServerState): Route {
  return {
    method: 'POST',
    path: '/predict',
    summary: 'Run the model on rows ({"records": [...]}) or on named tensors ({"inputs": {...}}).',
    request: 'PredictRequest',
    response: 'PredictResponse',
    inference: true,
    async handle(context) {
      const model = requireModel(state);
      const body = await context.timing.measure('parse', () => context.json());
      if (!isPlainObject(body) || 'records' in body === 'inputs' in body)
        throw badRequest(
          'The request body must be a JSON object with either "records" (one object per row, {"records": [{"x": [1, 2]}]}) or "inputs" (named tensors, {"inputs": {"x": {"shape": [1, 2], "data": [1, 2]}}}).',
        );
      return 'records' in body
        ? { body: await predictRecords(state, context, model, body.records) }
        : { body: await predictTensors(state, context, model, body.inputs) };
    },
  };
}

async function predictRecords(
  state: ServerState,
  context: RequestContext,
  model: LoadedModel,
  records: unknown,
) {
  const runs = recordsToRuns(model, records, state.config.maxBatch);
  const fetches = model.outputs.map((output) => output.name);
  const done: { feeds: Feeds; outputs: Outputs }[] = [];
  const predictions: Record<string, unknown>[] = [];
  for (const run of runs) {
    const outputs = await infer(state, context, run.feeds, fetches);
    const columns = fetches.map((name) => {
      const tensor = outputs[name];
      const rows = tensor && rowsOf(tensor, run.rows);
      if (!rows)
        throw new HttpError(
          400,
          `The model's output "${name}" has shape [${tensor?.dims.join(', ') ?? ''}], not one row per record, so it cannot be split into predictions; send named tensors as "inputs" instead.`,
        );
      return [name, rows] as const;
    });
    for (let row = 0; row < run.rows; row++)
      predictions.push(Object.fromEntries(columns.map(([name, rows]) => [name, rows[row]])));
    done.push({ feeds: run.feeds, outputs });
  }
  offerCapture(state, context, done);
  return { predictions };
}

async function predictTensors(
  state: ServerState,
  context: RequestContext,
  model: LoadedModel,
  inputs: unknown,
) {
  if (!isPlainObject(inputs))
    throw badRequest(
      '"inputs" must be an object of named tensors: {"x": {"shape": [1, 2], "data": [1, 2]}}.',
    );
  checkInputNames(model, Object.keys(inputs), 'The request\'s "inputs"');
  const feeds: Feeds = {};
  for (const info of model.inputs) {
    const label = `Input "${info.name}"`;
    const tensor = inputs[info.name];
    if (!isPlainObject(tensor) || !('data' in tensor))
      throw badRequest(`${label} must be an object {"shape": [...], "data": [...]} (its "type" optional).`);
    if (tensor.type !== undefined && tensor.type !== info.type)
      throw badRequest(`${label} has type ${JSON.stringify(tensor.type)}, but the model takes ${info.type}.`);
    const { shape: nested, leaves } = flatten(tensor.data, label);
    const shape = tensor.shape === undefined ? nested : sizes(tensor.shape, label);
    checkBatch(info, shape, state.config.maxBatch, label);
    feeds[info.name] = makeTensor(info, shape, leaves, label);
  }
  checkSymbolicDims(
    model,
    Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, tensor.dims])),
  );
  const outputs = await infer(
    state,
    context,
    feeds,
    model.outputs.map((output) => output.name),
  );
  offerCapture(state, context, [{ feeds, outputs }]);
  return {
    outputs: Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, tensorJson(tensor)])),
  };
}

/** A shape as the client wrote it: a list of whole, non-negative sizes. */
export function sizes(value: unknown, label: string): number[] {
  if (!Array.isArray(value) || !value.every((dim) => Number.isSafeInteger(dim) && (dim as number) >= 0))
    throw badRequest(
      `${label} has shape ${JSON.stringify(value)}: expected a list of whole sizes like [2, 3].`,
    );
  return value as number[];
}
