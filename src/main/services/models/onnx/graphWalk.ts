import type { OnnxGraph, OnnxNode, OnnxTensor } from './model.js';

/** The subgraphs a node carries in its attributes (If's branches, Loop's and Scan's bodies). */
export function subgraphsOf(node: OnnxNode): { attribute: string; graph: OnnxGraph }[] {
  return node.attributes.flatMap((attribute) => {
    if (attribute.type === 'GRAPH') return [{ attribute: attribute.name, graph: attribute.value }];
    if (attribute.type === 'GRAPHS')
      return attribute.value.map((graph) => ({ attribute: attribute.name, graph }));
    return [];
  });
}

/** Every tensor a graph holds with its data: initializers, sparse parts and tensor attributes, subgraphs included. */
export function tensorsOf(graph: OnnxGraph): OnnxTensor[] {
  const tensors: OnnxTensor[] = [...graph.initializers];
  for (const sparse of graph.sparseInitializers) {
    if (sparse.values) tensors.push(sparse.values);
    if (sparse.indices) tensors.push(sparse.indices);
  }
  for (const node of graph.nodes) {
    for (const attribute of node.attributes) {
      if (attribute.type === 'TENSOR') tensors.push(attribute.value);
      if (attribute.type === 'TENSORS') tensors.push(...attribute.value);
      if (attribute.type === 'SPARSE_TENSOR') tensors.push(...sparseParts(attribute.value));
      if (attribute.type === 'SPARSE_TENSORS') tensors.push(...attribute.value.flatMap(sparseParts));
    }
    for (const { graph: subgraph } of subgraphsOf(node)) tensors.push(...tensorsOf(subgraph));
  }
  return tensors;
}

function sparseParts(sparse: { values: OnnxTensor | null; indices: OnnxTensor | null }): OnnxTensor[] {
  return [sparse.values, sparse.indices].filter((part) => part !== null);
}
