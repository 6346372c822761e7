import type { GraphSummary, NodeSummary } from '../../../../shared/contract/modelSummary.js';

/**
 * A chain of residual blocks (Conv → Relu → Conv → Add, with the skip), `blocks` × 4 nodes: the
 * shape of a ResNet-like model, for tests and timing the graph view on thousands of nodes.
 */
export function syntheticGraph(blocks: number): GraphSummary {
  const nodes: NodeSummary[] = [];
  const values: GraphSummary['values'] = [];
  const node = (name: string, opType: string, inputs: string[], output: string): void => {
    nodes.push({
      name,
      opType,
      domain: 'ai.onnx',
      inputs,
      outputs: [output],
      attributes: [],
      flops: 1000,
      subgraphs: [],
    });
    values.push({ name: output, elementType: 'FLOAT', shape: ['N', 64, 56, 56], declared: false });
  };
  let previous = 'input';
  for (let b = 0; b < blocks; b++) {
    node(`block${b}/conv1`, 'Conv', [previous, `w${b}a`], `b${b}c1`);
    node(`block${b}/relu`, 'Relu', [`b${b}c1`], `b${b}r`);
    node(`block${b}/conv2`, 'Conv', [`b${b}r`, `w${b}b`], `b${b}c2`);
    node(`block${b}/add`, 'Add', [`b${b}c2`, previous], `b${b}out`);
    previous = `b${b}out`;
  }
  const tensor = (name: string) => ({
    name,
    type: { kind: 'tensor' as const, elementType: 'FLOAT', shape: ['N', 64, 56, 56] },
    docString: '',
  });
  return { name: 'synthetic', inputs: [tensor('input')], outputs: [tensor(previous)], nodes, values };
}

/**
 * A transformer-like stack, `layers` × 21 nodes: attention (three projections, scores, a mask read by
 * every layer, softmax, weighted sum) and an MLP, each with its residual branch, and a shape
 * computation per layer that only its Reshape reads, as PyTorch exports them.
 */
export function syntheticTransformer(layers: number): GraphSummary {
  const nodes: NodeSummary[] = [];
  const values: GraphSummary['values'] = [];
  const node = (name: string, opType: string, inputs: string[]): string => {
    const output = `${name}:0`;
    nodes.push({
      name,
      opType,
      domain: 'ai.onnx',
      inputs,
      outputs: [output],
      attributes: [],
      flops: 1,
      subgraphs: [],
    });
    values.push({ name: output, elementType: 'FLOAT', shape: ['batch', 'sequence', 64], declared: false });
    return output;
  };
  let x = 'tokens';
  for (let l = 0; l < layers; l++) {
    const p = `layers.${l}`;
    const norm = node(`${p}/norm1`, 'LayerNormalization', [x]);
    const q = node(`${p}/attn/q`, 'MatMul', [norm]);
    const k = node(`${p}/attn/k`, 'MatMul', [norm]);
    const v = node(`${p}/attn/v`, 'MatMul', [norm]);
    const kt = node(`${p}/attn/transpose`, 'Transpose', [k]);
    const scores = node(`${p}/attn/scores`, 'MatMul', [q, kt]);
    const scaled = node(`${p}/attn/scale`, 'Div', [scores]);
    const masked = node(`${p}/attn/mask`, 'Add', [scaled, 'mask']);
    const weights = node(`${p}/attn/softmax`, 'Softmax', [masked]);
    const mixed = node(`${p}/attn/mix`, 'MatMul', [weights, v]);
    const shape = node(`${p}/attn/shape`, 'Shape', [x]);
    const dims = node(`${p}/attn/dims`, 'Gather', [shape]);
    const target = node(`${p}/attn/concat`, 'Concat', [dims]);
    const merged = node(`${p}/attn/reshape`, 'Reshape', [mixed, target]);
    const attended = node(`${p}/attn/out`, 'MatMul', [merged]);
    const residual = node(`${p}/add1`, 'Add', [x, attended]);
    const norm2 = node(`${p}/norm2`, 'LayerNormalization', [residual]);
    const up = node(`${p}/mlp/up`, 'MatMul', [norm2]);
    const act = node(`${p}/mlp/gelu`, 'Gelu', [up]);
    const down = node(`${p}/mlp/down`, 'MatMul', [act]);
    x = node(`${p}/add2`, 'Add', [residual, down]);
  }
  const tensor = (name: string) => ({
    name,
    type: { kind: 'tensor' as const, elementType: 'FLOAT', shape: ['batch', 'sequence', 64] },
    docString: '',
  });
  return {
    name: 'synthetic-transformer',
    inputs: [tensor('tokens'), tensor('mask')],
    outputs: [tensor(x)],
    nodes,
    values,
  };
}
