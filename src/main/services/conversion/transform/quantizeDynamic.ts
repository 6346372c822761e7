import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { elementTypes } from './elementTypes.js';
import { refuseSubgraphs } from './modelFile.js';
import {
  attributeOf,
  defaultOpset,
  elementCount,
  FLOAT,
  float32Bytes,
  floatValues,
  INT8,
  int64,
  intAttribute,
  makeNode,
  makeTensor,
  UINT8,
  uniqueNames,
  type ProtoGraph,
  type ProtoModel,
  type ProtoNode,
  type ProtoTensor,
} from './proto.js';
import { quantizeWeight, transpose, type WeightType } from './quantizeWeights.js';

export interface QuantizeOptions {
  /** int8: symmetric weights (the default, as quantize_dynamic's QInt8); uint8: asymmetric. */
  weightType?: WeightType;
  /** One scale per output column instead of one per weight. */
  perChannel?: boolean;
  /** Weights with fewer elements stay float32: their saving is small and their error relatively large. */
  minElements?: number;
}

export interface QuantizeReport {
  quantized: { node: string; opType: string; weight: string; shape: [number, number] }[];
  skipped: { node: string; opType: string; reason: string }[];
}

/** DynamicQuantizeLinear came with opset 11. */
const MIN_OPSET = 11;
export const DEFAULT_MIN_ELEMENTS = 4096;

/**
 * Dynamic int8 weight quantization in place, as onnxruntime.quantization.quantize_dynamic does for
 * MatMul and Gemm: each float32 constant weight B becomes 8-bit, and the node becomes
 * DynamicQuantizeLinear(A) → MatMulInteger(A_q, B_q, a_zp, b_zp) → Cast → Mul(a_scale · b_scale)
 * (→ Add C for Gemm). These are standard ONNX operators, so the file runs anywhere; ONNX Runtime fuses
 * the chain into its DynamicQuantizeMatMul / MatMulIntegerToFloat kernels at the default optimization
 * level. Activations are quantized per run, so no calibration data is needed.
 */
export function quantizeDynamic(model: ProtoModel, options: QuantizeOptions = {}): QuantizeReport {
  refuseSubgraphs(model, 'Int8 quantization');
  const opset = defaultOpset(model);
  if (opset === null || opset < MIN_OPSET) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `Int8 quantization needs opset ${MIN_OPSET} or later (DynamicQuantizeLinear); the model uses opset ${opset ?? 'none'}.`,
      hint: 'Export the model again with opset_version=13 or later.',
    });
  }
  const graph = model.graph as ProtoGraph;
  const weightType = options.weightType ?? 'int8';
  const minElements = options.minElements ?? DEFAULT_MIN_ELEMENTS;
  const types = elementTypes(graph);
  const initializers = new Map(graph.initializer.map((tensor) => [tensor.name ?? '', tensor]));
  const graphInputs = new Set(graph.input.map((input) => input.name ?? ''));
  const fresh = uniqueNames(graph);
  const report: QuantizeReport = { quantized: [], skipped: [] };
  const added: ProtoTensor[] = [];
  const quantizedWeights = new Map<string, { values: string; scale: string; zeroPoint: string }>();
  const quantizedActivations = new Map<string, [string, string, string]>();
  const nodes: ProtoNode[] = [];

  for (const node of graph.node) {
    const plan = planOf(node);
    if (!plan) {
      nodes.push(node);
      continue;
    }
    const label = { node: node.name ?? '', opType: node.op_type ?? '' };
    const [a = '', b = ''] = node.input;
    const weight = initializers.get(b);
    const reason =
      plan.problem ??
      (types.get(a) !== FLOAT ? 'its input A is not known to be float32' : null) ??
      (!weight ? 'its weight B is computed, not a constant' : null) ??
      (graphInputs.has(b) ? 'its weight B is also a graph input, so a caller may replace it' : null) ??
      (weight?.data_type !== FLOAT ? 'its weight B is not float32' : null) ??
      (weight?.dims.length !== 2 ? `its weight B has rank ${weight?.dims.length}, not 2` : null) ??
      (weight && elementCount(weight) < minElements
        ? `its weight has ${elementCount(weight)} elements, fewer than the ${minElements} worth quantizing`
        : null);
    if (reason || !weight) {
      report.skipped.push({ ...label, reason: reason ?? '' });
      nodes.push(node);
      continue;
    }
    const [rows, columns] = weight.dims.map(int64) as [number, number];
    const [k, n] = plan.transB ? [columns, rows] : [rows, columns];
    const key = `${b}\u0000${plan.transB}\u0000${plan.alpha}`;
    let names = quantizedWeights.get(key);
    if (!names) {
      const stored = floatValues(weight);
      const q = quantizeWeight(
        plan.transB ? transpose(stored, rows, columns) : stored,
        k,
        n,
        weightType,
        options.perChannel === true,
      );
      const scales = q.scales.map((scale) => scale * plan.alpha);
      const groups = scales.length;
      const zeroType = weightType === 'int8' ? INT8 : UINT8;
      names = {
        values: fresh(`${b}_quantized`),
        scale: fresh(`${b}_scale`),
        zeroPoint: fresh(`${b}_zero_point`),
      };
      added.push(
        makeTensor(names.values, zeroType, [k, n], new Uint8Array(q.values.buffer)),
        makeTensor(names.scale, FLOAT, groups === 1 ? [] : [groups], float32Bytes(scales)),
        makeTensor(
          names.zeroPoint,
          zeroType,
          groups === 1 ? [] : [groups],
          new Uint8Array(q.zeroPoints.buffer),
        ),
      );
      quantizedWeights.set(key, names);
    }
    let activation = quantizedActivations.get(a);
    if (!activation) {
      activation = [fresh(`${a}_quantized`), fresh(`${a}_scale`), fresh(`${a}_zero_point`)];
      nodes.push(makeNode('DynamicQuantizeLinear', [a], activation, fresh(`${a}_DynamicQuantizeLinear`)));
      quantizedActivations.set(a, activation);
    }
    const base = node.name || fresh('quantized');
    const [aq, aScale, aZero] = activation;
    const integer = fresh(`${base}_int32`);
    const asFloat = fresh(`${base}_float`);
    const scale = fresh(`${base}_scale`);
    const output = node.output[0] ?? '';
    const product = plan.bias ? fresh(`${base}_product`) : output;
    nodes.push(
      makeNode(
        'MatMulInteger',
        [aq, names.values, aZero, names.zeroPoint],
        [integer],
        fresh(`${base}_MatMulInteger`),
      ),
      makeNode('Cast', [integer], [asFloat], fresh(`${base}_Cast`), [intAttribute('to', FLOAT)]),
      makeNode('Mul', [aScale, names.scale], [scale], fresh(`${base}_scales`)),
      makeNode('Mul', [asFloat, scale], [product], fresh(`${base}_Mul`)),
    );
    if (plan.bias) nodes.push(makeNode('Add', [product, plan.bias], [output], fresh(`${base}_bias`)));
    report.quantized.push({ ...label, weight: b, shape: [k, n] });
  }
  if (report.quantized.length === 0) {
    const counts = report.skipped.length
      ? `${report.skipped.length} MatMul/Gemm node(s) were left: ${report.skipped
          .map((s) => `${s.node || s.opType} (${s.reason})`)
          .slice(0, 3)
          .join('; ')}`
      : 'it has no MatMul or Gemm nodes';
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `Int8 quantization found nothing to quantize: ${counts}.`,
      hint: `Dynamic quantization rewrites MatMul and Gemm nodes with a constant float32 weight of at least ${minElements} elements; lower minElements for small models, or keep the float32 model.`,
      details: { skipped: report.skipped },
    });
  }
  graph.node = nodes;
  graph.initializer.push(...added);
  dropUnused(graph);
  return report;
}

interface Plan {
  transB: boolean;
  alpha: number;
  /** Gemm's C, added after the product. */
  bias: string | null;
  /** Why the node cannot be quantized, when it cannot. */
  problem: string | null;
}

function planOf(node: ProtoNode): Plan | null {
  if (node.domain) return null;
  if (node.op_type === 'MatMul') return { transB: false, alpha: 1, bias: null, problem: null };
  if (node.op_type !== 'Gemm') return null;
  const transA = int64(attributeOf(node, 'transA')?.i);
  const beta = attributeOf(node, 'beta')?.f ?? 1;
  const bias = node.input[2] || null;
  return {
    transB: int64(attributeOf(node, 'transB')?.i) === 1,
    alpha: attributeOf(node, 'alpha')?.f ?? 1,
    bias,
    problem: transA
      ? 'it transposes A (transA=1)'
      : bias && beta !== 1
        ? `it scales C by beta=${beta}`
        : null,
  };
}

/** Removes initializers no node reads any more (the float32 weights that were quantized). */
function dropUnused(graph: ProtoGraph): void {
  const used = new Set(graph.node.flatMap((node) => node.input));
  for (const output of graph.output) used.add(output.name ?? '');
  graph.initializer = graph.initializer.filter((tensor) => used.has(tensor.name ?? ''));
}
