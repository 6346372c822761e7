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
