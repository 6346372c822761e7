import { elementTypeOfOip, oipDatatype, oipDatatypes } from '../../../src/shared/tensors/elementTypes.js';
import {
  BINARY_EXTENSION,
  BinaryTensorError,
  HEADER_LENGTH,
  binaryReader,
  binaryTensorBytes,
  declaredHeaderLength,
  joinBinaryBody,
} from '../../../src/shared/tensors/oipBinary.js';
import type { TensorValue } from '../../../src/shared/tensors/tensors.js';
import { parseJson } from './body.js';
import { HttpError, badRequest } from './httpError.js';
import { infer, offerCapture, type Feeds } from './inference.js';
import type { LoadedModel, TensorInfo } from './model.js';
import { sizes } from './predict.js';
import { isPlainObject } from './records.js';
import type { Reply, RequestContext, Route } from './router.js';
import { requireModel, type ServerState } from './state.js';
import { binaryTensor, checkBatch, checkSymbolicDims, flatten, makeTensor } from './tensorIn.js';
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
  const inferRoute = (context: RequestContext) => inferHandler(state, context, model(context));
  const serverReady = () =>
    state.model && !state.draining ? { body: { ready: true } } : { status: 503, body: { ready: false } };
  return [
    {
      method: 'GET',
      path: '/v2',
      summary: 'Server metadata: name, version, extensions.',
      response: 'V2ServerMetadata',
      handle: () => ({
        body: { name: SERVER_NAME, version: SERVER_VERSION, extensions: [BINARY_EXTENSION] },
      }),
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

/** The request's JSON and, with the binary tensor data extension, the bytes that follow it. */
async function readInferBody(context: RequestContext) {
  const raw = await context.timing.measure('read', () => context.body());
  const declared = context.req.headers[HEADER_LENGTH];
  let headerLength: number | undefined;
  try {
    headerLength = declaredHeaderLength(Array.isArray(declared) ? declared[0] : declared, raw.byteLength);
  } catch (error) {
    throw binaryRefusal(error, 'The request');
  }
  const json = context.timing.time('parse', () =>
    parseJson(headerLength === undefined ? raw : raw.subarray(0, headerLength)),
  );
  return { json, binary: headerLength === undefined ? undefined : binaryReader(raw, headerLength) };
}

function binaryRefusal(error: unknown, label: string): unknown {
  return error instanceof BinaryTensorError ? badRequest(`${label}: ${error.message}.`) : error;
}

async function inferHandler(state: ServerState, context: RequestContext, model: LoadedModel): Promise<Reply> {
  const { json: body, binary } = await readInferBody(context);
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
    const expected = oipDatatype(info.type);
    if (typeof input.datatype !== 'string' || !oipDatatypes.includes(input.datatype))
      throw badRequest(
        `${label} has datatype ${JSON.stringify(input.datatype)}: expected one of ${oipDatatypes.join(', ')}.`,
      );
    if (elementTypeOfOip(input.datatype) !== info.type)
      throw badRequest(
        `${label} has datatype ${input.datatype}, but the model takes ${expected ?? info.type}.`,
      );
    const shape = sizes(input.shape, label);
    checkBatch(info, shape, state.config.maxBatch, label);
    const binarySize = isPlainObject(input.parameters) ? input.parameters.binary_data_size : undefined;
    if (binarySize === undefined) {
      if (!Array.isArray(input.data)) throw badRequest(`${label} has no "data" array.`);
      feeds[info.name] = makeTensor(info, shape, flatten(input.data, label).leaves, label);
      return;
    }
    if (input.data !== undefined)
      throw badRequest(`${label} has both "data" and a binary_data_size: send its values one way.`);
    if (!Number.isSafeInteger(binarySize) || (binarySize as number) < 0)
      throw badRequest(`${label} has binary_data_size ${JSON.stringify(binarySize)}: expected a byte count.`);
    if (!binary)
      throw badRequest(
        `${label} has a binary_data_size, but the request has no Inference-Header-Content-Length header saying where its JSON ends and the binary data begins.`,
      );
    try {
      feeds[info.name] = binaryTensor(info, shape, binary.next(binarySize as number, label), label);
    } catch (error) {
      throw binaryRefusal(error, label);
    }
  });
  try {
    binary?.finish();
  } catch (error) {
    throw binaryRefusal(error, 'The request');
  }
  const missing = model.inputs.find((info) => !feeds[info.name]);
  if (missing) throw badRequest(`Input "${missing.name}" is missing; the model's inputs are ${known}.`);
  checkSymbolicDims(
    model,
    Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, tensor.dims])),
  );
  const fetches = requestedOutputs(model, body.outputs, wantsBinaryOutput(body.parameters));
  const outputs = await infer(
    state,
    context,
    feeds,
    fetches.map((fetch) => fetch.name),
  );
  offerCapture(state, context, [{ feeds, outputs }]);
  const chunks: Uint8Array[] = [];
  const header = {
    model_name: state.config.modelName,
    model_version: state.config.modelVersion,
    ...(body.id === undefined ? {} : { id: body.id }),
    outputs: fetches.map(({ name, binary: asBinary }) => {
      const tensor = outputs[name];
      if (!tensor) throw new HttpError(500, `ONNX Runtime returned no output "${name}".`);
      const described = {
        name,
        shape: [...tensor.dims],
        datatype: oipDatatype(tensor.type) ?? tensor.type.toUpperCase(),
      };
      if (!asBinary) return { ...described, data: jsonValues(tensor) };
      const bytes = binaryTensorBytes(tensor as unknown as TensorValue);
      chunks.push(bytes);
      return { ...described, parameters: { binary_data_size: bytes.byteLength } };
    }),
  };
  if (chunks.length === 0) return { body: header };
  const { body: bytes, headerLength } = joinBinaryBody(header, chunks);
  return {
    bytes,
    contentType: 'application/octet-stream',
    headers: { 'Inference-Header-Content-Length': String(headerLength) },
  };
}

function wantsBinaryOutput(parameters: unknown): boolean {
  if (parameters === undefined) return false;
  if (!isPlainObject(parameters)) throw badRequest('"parameters" must be an object.');
  const value = parameters.binary_data_output;
  if (value !== undefined && typeof value !== 'boolean')
    throw badRequest('"parameters.binary_data_output" must be true or false.');
  return value === true;
}

/**
 * The outputs asked for (all when "outputs" is left out), in the order asked, each binary when it
 * asks for binary_data or, without saying, when the request asks for binary_data_output.
 */
function requestedOutputs(
  model: LoadedModel,
  outputs: unknown,
  binaryByDefault: boolean,
): { name: string; binary: boolean }[] {
  const all = model.outputs.map((output) => output.name);
  if (outputs === undefined) return all.map((name) => ({ name, binary: binaryByDefault }));
  if (!Array.isArray(outputs) || outputs.length === 0)
    throw badRequest('"outputs" must be a non-empty array of {"name"}, or left out for every output.');
  const asked = new Map<string, boolean>();
  outputs.forEach((output: unknown, index) => {
    if (!isPlainObject(output) || typeof output.name !== 'string')
      throw badRequest(`outputs[${index}] must be an object with a "name".`);
    if (!all.includes(output.name))
      throw badRequest(
        `Output "${output.name}" is not an output of the model; its outputs are ${all.map((name) => `"${name}"`).join(', ')}.`,
      );
    const binary = isPlainObject(output.parameters) ? output.parameters.binary_data : undefined;
    if (binary !== undefined && typeof binary !== 'boolean')
      throw badRequest(
        `Output "${output.name}" has parameters.binary_data ${JSON.stringify(binary)}: expected true or false.`,
      );
    if (!asked.has(output.name)) asked.set(output.name, binary ?? binaryByDefault);
  });
  return [...asked].map(([name, binary]) => ({ name, binary }));
}
