import { attributeOf, int64, type ProtoGraph, type ProtoNode } from './proto.js';

const BOOL = 9;
const INT64 = 7;
const INT32 = 6;
const UINT8 = 2;
const FLOAT = 1;

const boolOutputs = new Set([
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Not',
  'IsNaN',
  'IsInf',
]);
const int64Outputs = new Set(['Shape', 'Size', 'ArgMax', 'ArgMin', 'NonZero', 'NonMaxSuppression']);

/**
 * The element type of every value the graph's declarations and its nodes make known: declared types
 * (inputs, outputs, value_info, initializers) first, then a forward pass with each operator's rule.
 * Most operators give their outputs the type of their first input; the exceptions are listed. A value
 * whose type stays unknown is left out, and the transforms treat it as not float.
 */
export function elementTypes(graph: ProtoGraph): Map<string, number> {
  const types = new Map<string, number>();
  for (const info of [...graph.input, ...graph.output, ...graph.value_info]) {
    const type = info.type?.tensor_type?.elem_type;
    if (info.name && type) types.set(info.name, type);
  }
  for (const tensor of graph.initializer) if (tensor.name) types.set(tensor.name, tensor.data_type ?? 0);
  for (const node of graph.node) {
    const outputs = outputTypes(node, (name) => types.get(name));
    node.output.forEach((name, index) => {
      const type = outputs[index];
      if (name && type && !types.has(name)) types.set(name, type);
    });
  }
  return types;
}

function outputTypes(node: ProtoNode, typeOf: (name: string) => number | undefined): (number | undefined)[] {
  const op = node.domain ? `${node.domain}.${node.op_type}` : (node.op_type ?? '');
  const first = typeOf(node.input[0] ?? '');
  const all = (type: number | undefined) => node.output.map(() => type);
  if (boolOutputs.has(op)) return all(BOOL);
  if (int64Outputs.has(op)) return all(INT64);
  switch (op) {
    case 'Cast':
      return all(int64(attributeOf(node, 'to')?.i));
    case 'CastLike':
      return all(typeOf(node.input[1] ?? ''));
    case 'Constant':
      return all(
        attributeOf(node, 'value')?.t?.data_type ?? (attributeOf(node, 'value_float') ? FLOAT : undefined),
      );
    case 'ConstantOfShape':
      return all(attributeOf(node, 'value')?.t?.data_type ?? FLOAT);
    case 'Where':
      return all(typeOf(node.input[1] ?? ''));
    case 'TopK':
      return [first, INT64];
    case 'MaxPool':
      return [first, INT64];
    case 'DynamicQuantizeLinear':
      return [UINT8, FLOAT, UINT8];
    case 'QuantizeLinear':
      return all(typeOf(node.input[2] ?? '') ?? UINT8);
    case 'DequantizeLinear':
      return all(typeOf(node.input[1] ?? '') ?? FLOAT);
    case 'MatMulInteger':
    case 'ConvInteger':
      return all(INT32);
    default:
      return all(first);
  }
}
