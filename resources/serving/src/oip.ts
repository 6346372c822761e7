import { elementTypeOfOip, oipDatatype, oipDatatypes } from '../../../src/shared/tensors/elementTypes.js';
import { HttpError, badRequest } from './httpError.js';
import { infer, offerCapture, type Feeds } from './inference.js';
import type { LoadedModel, TensorInfo } from './model.js';
import { sizes } from './predict.js';
import { isPlainObject } from './records.js';
import type { RequestContext, Route } from './router.js';
import { requireModel, type ServerState } from './state.js';
import { checkBatch, checkSymbolicDims, flatten, makeTensor } from './tensorIn.js';
import { jsonValues } from './tensorOut.js';
import { SERVER_NAME, SERVER_VERSION } from './version.js';

/** The Open Inference Protocol v2 REST API (KServe, Triton, Seldon MLServer) for the one model served. */
export function oipRoutes(state: ServerState): Route[] {
  const model = (context: RequestContext): LoadedModel => {
    const { name, version } = context.params;
    const { modelName, modelVersion } = state.config;
    if (name !== modelName)
      throw new HttpError(404, `There is no model "${name}" here; this server serves "${modelName}".`);
    if (version !== undefined && version !== modelVersion)
      throw new HttpError(
        404,
        `Model "${modelName}" has no version "${version}"; this server serves version "${modelVersion}".`,
      );
    return requireModel(state);
  };
  const ready = (context: RequestContext) => {
    model(context);
    return { body: { name: state.config.modelName, ready: true } };
  };
  const metadata = (context: RequestContext) => ({ body: modelMetadata(state, model(context)) });
  const inferRoute = async (context: RequestContext) => ({
    body: await inferHandler(state, context, model(context)),
  });
  const serverReady = () =>
    state.model && !state.draining ? { body: { ready: true } } : { status: 503, body: { ready: false } };
  return [
    {
      method: 'GET',
      path: '/v2',
      summary: 'Server metadata: name, version, extensions.',
      response: 'V2ServerMetadata',
      handle: () => ({ body: { name: SERVER_NAME, version: SERVER_VERSION, extensions: [] } }),
    },
    {
      method: 'GET',
      path: '/v2/health/live',
      summary: 'Server liveness: 200 while the process answers.',
      public: true,
      handle: () => ({ body: { live: true } }),
    },
    {
      method: 'GET',
      path: '/v2/health/ready',
      summary: 'Server readiness: 200 once the model is loaded, 503 before and while shutting down.',
      public: true,
      handle: serverReady,
    },
    {
      method: 'GET',
      path: '/v2/models/{name}',
      summary: 'Model metadata: versions, platform, inputs and outputs (-1 for a dynamic dim).',
      response: 'V2ModelMetadata',
      handle: metadata,
    },
    {
      method: 'GET',
      path: '/v2/models/{name}/versions/{version}',
      summary: 'Model metadata of one version.',
      response: 'V2ModelMetadata',
      handle: metadata,
    },
    {
      method: 'GET',
      path: '/v2/models/{name}/ready',
      summary: 'Model readiness: 200 with {"ready": true} once loaded, 503 before.',
      handle: ready,
    },
    {
      method: 'GET',
      path: '/v2/models/{name}/versions/{version}/ready',
      summary: 'Readiness of one model version.',
      handle: ready,
    },
    {
      method: 'POST',
      path: '/v2/models/{name}/infer',
      summary: 'Inference: named input tensors in, output tensors out.',
      request: 'V2InferenceRequest',
      response: 'V2InferenceResponse',
      inference: true,
      handle: inferRoute,
    },
    {
      method: 'POST',
      path: '/v2/models/{name}/versions/{version}/infer',
      summary: 'Inference on one model version.',
      request: 'V2InferenceRequest',
      response: 'V2InferenceResponse',
      inference: true,
      handle: inferRoute,
    },
  ];
}

function metadataTensor(info: TensorInfo) {
  return {
    name: info.name,
    datatype: oipDatatype(info.type) ?? info.type.toUpperCase(),
    shape: info.shape.map((dim) => (typeof dim === 'number' ? dim : -1)),
  };
}

function modelMetadata(state: ServerState, model: LoadedModel) {
  return {
    name: state.config.modelName,
    versions: [state.config.modelVersion],
    platform: 'onnxruntime_onnx',
    inputs: model.inputs.map(metadataTensor),
    outputs: model.outputs.map(metadataTensor),
  };
}

async function inferHandler(state: ServerState, context: RequestContext, model: LoadedModel) {
  const body = await context.timing.measure('parse', () => context.json());
  if (!isPlainObject(body)) throw badRequest('The inference request must be a JSON object with "inputs".');
  if (body.id !== undefined && typeof body.id !== 'string') throw badRequest('"id" must be a string.');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0)
    throw badRequest('"inputs" must be a non-empty array of {"name", "shape", "datatype", "data"}.');
  const known = model.inputs.map((input) => `"${input.name}"`).join(', ');
  const feeds: Feeds = {};
  body.inputs.forEach((input: unknown, index) => {
    if (!isPlainObject(input) || typeof input.name !== 'string')
      throw badRequest(`inputs[${index}] must be an object with a "name", "shape", "datatype" and "data".`);
    const label = `Input "${input.name}"`;
    const info = model.inputs.find((candidate) => candidate.name === input.name);
    if (!info) throw badRequest(`${label} is not an input of the model; its inputs are ${known}.`);
    if (feeds[info.name]) throw badRequest(`${label} is given twice.`);
    if (isPlainObject(input.parameters) && input.parameters.binary_data_size !== undefined)
      throw badRequest(
        `${label} uses the binary tensor data extension, which this server does not support; send "data" as JSON.`,
      );
    const expected = oipDatatype(info.type);
    if (typeof input.datatype !== 'string' || !oipDatatypes.includes(input.datatype))
      throw badRequest(
        `${label} has datatype ${JSON.stringify(input.datatype)}: expected one of ${oipDatatypes.join(', ')}.`,
      );
    if (elementTypeOfOip(input.datatype) !== info.type)
      throw badRequest(
        `${label} has datatype ${input.datatype}, but the model takes ${expected ?? info.type}.`,
      );
    if (!Array.isArray(input.data)) throw badRequest(`${label} has no "data" array.`);
    const shape = sizes(input.shape, label);
    checkBatch(info, shape, state.config.maxBatch, label);
    feeds[info.name] = makeTensor(info, shape, flatten(input.data, label).leaves, label);
  });
  const missing = model.inputs.find((info) => !feeds[info.name]);
  if (missing) throw badRequest(`Input "${missing.name}" is missing; the model's inputs are ${known}.`);
  checkSymbolicDims(
    model,
    Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, tensor.dims])),
  );
  const fetches = requestedOutputs(model, body.outputs);
  const outputs = await infer(state, context, feeds, fetches);
  offerCapture(state, context, [{ feeds, outputs }]);
  return {
    model_name: state.config.modelName,
    model_version: state.config.modelVersion,
    ...(body.id === undefined ? {} : { id: body.id }),
    outputs: fetches.map((name) => {
      const tensor = outputs[name];
      if (!tensor) throw new HttpError(500, `ONNX Runtime returned no output "${name}".`);
      return {
        name,
        shape: [...tensor.dims],
        datatype: oipDatatype(tensor.type) ?? tensor.type.toUpperCase(),
        data: jsonValues(tensor),
      };
    }),
  };
}

/** The outputs asked for (all when "outputs" is left out), in the order asked. */
function requestedOutputs(model: LoadedModel, outputs: unknown): string[] {
  const all = model.outputs.map((output) => output.name);
  if (outputs === undefined) return all;
  if (!Array.isArray(outputs) || outputs.length === 0)
    throw badRequest('"outputs" must be a non-empty array of {"name"}, or left out for every output.');
  const names = outputs.map((output: unknown, index) => {
    if (!isPlainObject(output) || typeof output.name !== 'string')
      throw badRequest(`outputs[${index}] must be an object with a "name".`);
    if (!all.includes(output.name))
      throw badRequest(
        `Output "${output.name}" is not an output of the model; its outputs are ${all.map((name) => `"${name}"`).join(', ')}.`,
      );
    return output.name;
  });
  return [...new Set(names)];
}
