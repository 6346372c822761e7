import { basename } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { decodeModelProto, encodeModelProto, readRegularFile } from '../../models/index.js';
import { subgraphsOf, type ProtoGraph, type ProtoModel } from './proto.js';

/** A protobuf message, and so an .onnx file, cannot exceed 2 GiB. */
const PROTOBUF_LIMIT = 2 ** 31 - 1;

/**
 * Reads a whole .onnx file, weights included, for a transform to rewrite. A model whose weights live
 * in external data files is refused: the transforms rewrite weights in place and write one file.
 */
export async function readModelForTransform(path: string, signal?: AbortSignal): Promise<ProtoModel> {
  const bytes = await readRegularFile(path, 'an ONNX model', {
    signal,
    tooLarge: {
      maxBytes: PROTOBUF_LIMIT,
      error: (size) =>
        invalid(path, `is ${size} bytes, more than a protobuf file can hold.`, 'Pick an .onnx model file.'),
    },
  });
  return parseModelForTransform(bytes, path);
}

/** Decodes model bytes, `path` naming them in errors. */
export function parseModelForTransform(bytes: Uint8Array, path: string): ProtoModel {
  let model: ProtoModel;
  try {
    model = decodeModelProto(bytes) as ProtoModel;
  } catch (error) {
    throw invalid(
      path,
      `is not an ONNX model (protobuf decoding failed: ${(error as Error).message}).`,
      'Pick an .onnx model file: not truncated, not another format.',
      error,
    );
  }
  if (!model.graph || model.graph.node.length === 0) {
    throw invalid(
      path,
      'is not an ONNX model: it has no graph with nodes.',
      'Pick an .onnx model file exported by a framework (torch.onnx.export, tf2onnx, ...).',
    );
  }
  if (usesExternalData(model.graph)) {
    throw invalid(
      path,
      'keeps its weights in external data files, which the transforms do not rewrite.',
      'Save the model with its weights inside the .onnx file (onnx.save(model, path, save_as_external_data=False)) if it is under 2 GiB.',
    );
  }
  return model;
}

export function encodeModel(model: ProtoModel): Uint8Array {
  return encodeModelProto(model);
}

function usesExternalData(graph: ProtoGraph): boolean {
  return (
    graph.initializer.some((tensor) => tensor.data_location === 1) ||
    subgraphsOf(graph).some(({ graph: sub }) => usesExternalData(sub))
  );
}

/** Refuses a graph with If/Loop/Scan bodies or model-local functions, which a transform does not rewrite. */
export function refuseSubgraphs(model: ProtoModel, transform: string): void {
  const graph = model.graph as ProtoGraph;
  const nested = subgraphsOf(graph);
  if (nested.length > 0) {
    const ops = [...new Set(nested.map(({ node }) => node.op_type ?? '?'))].join(', ');
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${transform} does not rewrite control flow: the model has ${nested.length} subgraph(s) in ${ops} nodes.`,
      hint: 'Export the model without control flow (e.g. torch.onnx.export with fixed loops unrolled), or convert it in Python.',
      details: { subgraphs: nested.length, ops },
    });
  }
  if (model.functions.length > 0) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `${transform} does not rewrite model-local functions: the model defines ${model.functions.length}.`,
      hint: 'Export the model with its functions inlined (onnx.inliner), or convert it in Python.',
    });
  }
}

function invalid(path: string, message: string, hint: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError(
    { code: 'MODEL_INVALID', message: `${basename(path)} ${message}`, hint, details: { path } },
    { cause },
  );
}
