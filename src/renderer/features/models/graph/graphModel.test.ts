import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import { shapeRows } from '../../../../shared/models/shapeRows.js';
import { buildGraphModel, withObservedShapes } from './graphModel.js';

const graph: GraphSummary = {
  name: 'g',
  inputs: [{ name: 'x', type: null, docString: '' }],
  outputs: [{ name: 'y', type: null, docString: '' }],
  nodes: [
    {
      name: 'a',
      opType: 'Relu',
      domain: 'ai.onnx',
      inputs: ['x'],
      outputs: ['h'],
      attributes: [],
      flops: null,
      subgraphs: [],
    },
    {
      name: 'b',
      opType: 'Neg',
      domain: 'ai.onnx',
      inputs: ['h'],
      outputs: ['y'],
      attributes: [],
      flops: null,
      subgraphs: [],
    },
  ],
  values: [
    { name: 'x', elementType: 'FLOAT', shape: ['n', 4], declared: true },
    { name: 'h', elementType: 'FLOAT', shape: [2, 4], declared: true },
    { name: 'y', elementType: 'FLOAT', shape: ['n', 4], declared: true },
  ],
};

describe('observed shapes on the graph’s edges', () => {
  it('labels each edge with the observed shape, keeps the inferred one and flags a mismatch', () => {
    const structure = buildGraphModel(graph);
    const rows = shapeRows(graph, {
      schemaVersion: 1,
      dims: { n: 3 },
      values: { x: { type: 'float32', dims: [3, 4] }, h: { type: 'float32', dims: [3, 4] } },
      unobserved: [],
      runs: 1,
      elapsedMs: 1,
    });
    const model = withObservedShapes(structure, new Map(rows.map((row) => [row.name, row])));
    expect(model.nodes).toBe(structure.nodes);
    expect(model.edges.map((e) => [e.value, e.label, e.inferred, e.observed])).toEqual([
      ['x', 'float32 [3, 4]', 'float32 [n, 4]', 'same'],
      ['h', 'float32 [3, 4]', 'float32 [2, 4]', 'mismatch'],
      ['y', 'float32 [n, 4]', 'float32 [n, 4]', null],
    ]);
    expect(withObservedShapes(structure, null)).toBe(structure);
  });
});
