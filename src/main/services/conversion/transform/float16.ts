import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { elementTypes } from './elementTypes.js';
import { toFloat16 } from './float16Bits.js';
import { refuseSubgraphs } from './modelFile.js';
import {
  attributeOf,
  FLOAT,
  FLOAT16,
  floatValues,
  int64,
  intAttribute,
  makeNode,
  uniqueNames,
  type ProtoGraph,
  type ProtoModel,
  type ProtoNode,
  type ProtoTensor,
} from './proto.js';

export interface Float16Options {
  /** Keep float32 graph inputs and outputs, with Casts at the boundary, so callers feed what they fed. */
  keepIoTypes?: boolean;
  /** Operators (op_type, or domain.op_type) that run in float32 between Casts; added to the defaults. */
  blockList?: string[];
}

export interface Float16Report {
  convertedInitializers: number;
  convertedConstants: number;
  /** Nodes left in float32, each with Casts around it. */
  keptFloat32: { node: string; opType: string }[];
  castsInserted: number;
}

/**
 * Operators kept in float32 by default. Tried on ONNX Runtime 1.30 CPU: every common operator
 * (elementwise, MatMul/Gemm, Conv, pooling, normalizations, reductions, Softmax, shape ops) loads and
 * runs in float16, since ORT itself casts around the kernels it lacks. What fails is what the ONNX
 * spec forbids: Range has no float16 type, NonMaxSuppression and the ai.onnx.ml operators take only
 * float, and the random generators' dtype stays float32.
 */
export const DEFAULT_FLOAT16_BLOCK_LIST = [
  'Range',
  'NonMaxSuppression',
  'RandomUniform',
  'RandomNormal',
  'RandomUniformLike',
  'RandomNormalLike',
];

/** Inputs that the spec types as float32 whatever the operator's T (scales of Resize, Upsample). */
const FLOAT32_INPUTS: Record<string, number[]> = { Resize: [2], Upsample: [1] };

/**
 * Converts a model to float16 in place: float32 initializers, Constant values, declared types and
 * Cast targets become float16; blocked operators keep float32 with Casts around them. The approach of
 * onnxconverter-common's convert_float_to_float16, rewritten over our own element-type pass.
 */
export function convertToFloat16(model: ProtoModel, options: Float16Options = {}): Float16Report {
  refuseSubgraphs(model, 'Float16 conversion');
  const graph = model.graph as ProtoGraph;
  const types = elementTypes(graph);
  const isFloat = (name: string) => types.get(name) === FLOAT;
  if (![...types.values()].includes(FLOAT)) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: 'Float16 conversion found no float32 values in the model: there is nothing to convert.',
      hint: 'Convert a model whose weights or inputs are float32.',
    });
  }
  const blocked = new Set([...DEFAULT_FLOAT16_BLOCK_LIST, ...(options.blockList ?? [])]);
  const isBlocked = (node: ProtoNode) =>
    node.domain === 'ai.onnx.ml' ||
    blocked.has(node.op_type ?? '') ||
    blocked.has(`${node.domain ?? ''}.${node.op_type ?? ''}`);
  const fresh = uniqueNames(graph);
  const report: Float16Report = {
    convertedInitializers: 0,
    convertedConstants: 0,
    keptFloat32: [],
    castsInserted: 0,
  };

  // Values a float32 consumer must get as float32 (blocked nodes, float-only inputs).
  const float32Uses = new Set<string>();
  const otherUses = new Set<string>();
  for (const node of graph.node) {
    node.input.forEach((name, index) => {
      const keep = isBlocked(node) || FLOAT32_INPUTS[node.op_type ?? '']?.includes(index);
      (keep ? float32Uses : otherUses).add(name);
    });
  }
  for (const output of graph.output) if (output.name) otherUses.add(output.name);

  // Initializers used only in float32 stay float32; others become float16.
  const float32Initializers = new Set<string>();
  for (const tensor of graph.initializer) {
    if (tensor.data_type !== FLOAT || !tensor.name) continue;
    if (float32Uses.has(tensor.name) && !otherUses.has(tensor.name)) {
      float32Initializers.add(tensor.name);
      continue;
    }
    toFloat16Tensor(tensor);
    report.convertedInitializers++;
  }
  const initializerNames = new Set(graph.initializer.map((tensor) => tensor.name ?? ''));
  const stayFloat32 = (name: string) => float32Initializers.has(name);

  const nodes: ProtoNode[] = [];
  const castTo = (name: string, to: number, output: string) => {
    report.castsInserted++;
    nodes.push(makeNode('Cast', [name], [output], fresh(`${output}_cast`), [intAttribute('to', to)]));
  };

  // Graph inputs: float16 inside; with keepIoTypes a Cast right after each float32 input.
  const renamedInputs = new Map<string, string>();
  for (const input of graph.input) {
    const name = input.name ?? '';
    if (!isFloat(name)) continue;
    if (initializerNames.has(name)) {
      // An IR < 4 model lists its weights as inputs too: the declaration follows the weight.
      if (!float32Initializers.has(name)) setElemType(input, FLOAT16);
    } else if (options.keepIoTypes) {
      const inside = fresh(`${name}_fp16`);
      renamedInputs.set(name, inside);
      castTo(name, FLOAT16, inside);
    } else {
      setElemType(input, FLOAT16);
    }
  }
  const rename = (name: string) => renamedInputs.get(name) ?? name;

  for (const node of graph.node) {
    node.input = node.input.map(rename);
    if (isBlocked(node)) {
      report.keptFloat32.push({ node: node.name ?? '', opType: node.op_type ?? '' });
      node.input = node.input.map((name) => {
        if (!name || !isFloat(name) || stayFloat32(name)) return name;
        const asFloat32 = fresh(`${name}_fp32`);
        castTo(name, FLOAT, asFloat32);
        return asFloat32;
      });
      nodes.push(node);
      const produced: [string, string][] = [];
      node.output = node.output.map((name) => {
        if (!name || !isFloat(name)) return name;
        const asFloat32 = fresh(`${name}_fp32`);
        produced.push([asFloat32, name]);
        return asFloat32;
      });
      for (const [from, to] of produced) castTo(from, FLOAT16, to);
      continue;
    }
    FLOAT32_INPUTS[node.op_type ?? '']?.forEach((index) => {
      const name = node.input[index];
      if (name && isFloat(name) && !stayFloat32(name)) {
        const asFloat32 = fresh(`${name}_fp32`);
        castTo(name, FLOAT, asFloat32);
        node.input[index] = asFloat32;
      }
    });
    convertNodeAttributes(node, report);
    nodes.push(node);
  }

  // Graph outputs: float16, or with keepIoTypes a Cast back to float32 under the output's own name.
  for (const output of graph.output) {
    const name = output.name ?? '';
    if (!isFloat(name)) continue;
    if (!options.keepIoTypes) {
      setElemType(output, FLOAT16);
      continue;
    }
    const inside = fresh(`${name}_fp16`);
    for (const node of nodes) {
      node.output = node.output.map((item) => (item === name ? inside : item));
      node.input = node.input.map((item) => (item === name ? inside : item));
    }
    castTo(inside, FLOAT, name);
  }
  graph.node = nodes;
  for (const info of graph.value_info) {
    if (info.type?.tensor_type?.elem_type === FLOAT) setElemType(info, FLOAT16);
  }
  return report;
}

function convertNodeAttributes(node: ProtoNode, report: Float16Report): void {
  if (node.op_type === 'Cast' && !node.domain) {
    const to = attributeOf(node, 'to');
    if (to && int64(to.i) === FLOAT) to.i = FLOAT16;
  }
  for (const attribute of node.attribute) {
    if (
      attribute.t?.data_type === FLOAT &&
      (node.op_type === 'Constant' || node.op_type === 'ConstantOfShape')
    ) {
      toFloat16Tensor(attribute.t);
      report.convertedConstants++;
    }
  }
  if (node.op_type === 'Constant') {
    const value = attributeOf(node, 'value_float');
    if (value) {
      const bits = toFloat16(Float32Array.of(value.f ?? 0));
      node.attribute = [
        {
          name: 'value',
          type: 4,
          t: { data_type: FLOAT16, dims: [], raw_data: new Uint8Array(bits.buffer), float_data: [] },
          ints: [],
          graphs: [],
        },
      ];
      report.convertedConstants++;
    }
  }
}

function toFloat16Tensor(tensor: ProtoTensor): void {
  const bits = toFloat16(floatValues(tensor));
  tensor.data_type = FLOAT16;
  tensor.raw_data = new Uint8Array(bits.buffer);
  tensor.float_data = [];
}

function setElemType(info: { type?: { tensor_type?: { elem_type?: number } } }, type: number): void {
  if (info.type?.tensor_type) info.type.tensor_type.elem_type = type;
}
