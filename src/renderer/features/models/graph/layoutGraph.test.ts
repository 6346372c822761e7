import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import { buildGraphModel } from './graphModel.js';
import { layoutGraph, layoutInput } from './layoutGraph.js';
import { searchNodes, stepMatch } from './search.js';
import { syntheticGraph } from './syntheticGraph.js';
import { centerOn, distanceToPolyline, fitTransform, zoomAt } from './viewport.js';

const tiny: GraphSummary = {
  name: 'tiny',
  inputs: [{ name: 'x', type: { kind: 'tensor', elementType: 'FLOAT', shape: ['batch', 3] }, docString: '' }],
  outputs: [
    { name: 'y', type: { kind: 'tensor', elementType: 'FLOAT', shape: ['batch', 3] }, docString: '' },
  ],
  nodes: [
    {
      name: 'relu_1',
      opType: 'Relu',
      domain: 'ai.onnx',
      inputs: ['x'],
      outputs: ['r'],
      attributes: [],
      flops: 3,
      subgraphs: [],
    },
    // A weight input ('w') has no producer on the graph and draws no edge; 'r' twice draws one.
    {
      name: 'mul',
      opType: 'Mul',
      domain: 'ai.onnx',
      inputs: ['r', 'r', 'w'],
      outputs: ['y'],
      attributes: [],
      flops: 3,
      subgraphs: [],
    },
  ],
  values: [
    { name: 'x', elementType: 'FLOAT', shape: ['batch', 3], declared: true },
    { name: 'r', elementType: 'FLOAT', shape: ['batch', 3], declared: false },
    { name: 'y', elementType: 'FLOAT', shape: ['batch', 3], declared: true },
  ],
};

describe('graph model', () => {
  it('draws inputs, operators and outputs, with an edge per consumed value labelled by its shape', () => {
    const model = buildGraphModel(tiny);
    expect(model.nodes.map((n) => `${n.kind}:${n.label}`)).toEqual([
      'input:x',
      'op:Relu',
      'op:Mul',
      'output:y',
    ]);
    expect(model.edges.map((e) => `${e.from}>${e.to} ${e.label}`)).toEqual([
      'in:x>n0 float32 [batch, 3]',
      'n0>n1 float32 [batch, 3]',
      'n1>out:y float32 [batch, 3]',
    ]);
  });
});

describe('layout', () => {
  it('places every box without overlaps, top to bottom along the data flow', () => {
    const model = buildGraphModel(tiny);
    const layout = layoutGraph(layoutInput(model));
    expect(layout.nodes).toHaveLength(4);
    const ys = layout.nodes.map((n) => n.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(26);
    expect(layout.edges.every((points) => points.length >= 4)).toBe(true);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('lays out a 3,000-node branching graph within seconds, every edge routed', () => {
    const model = buildGraphModel(syntheticGraph(750));
    expect(model.nodes).toHaveLength(3002);
    const started = performance.now();
    const layout = layoutGraph(layoutInput(model));
    const elapsed = performance.now() - started;
    console.log(
      `layout of ${model.nodes.length} nodes, ${model.edges.length} edges: ${elapsed.toFixed(0)} ms`,
    );
    expect(layout.nodes).toHaveLength(3002);
    expect(layout.edges.every((points) => points.length >= 4)).toBe(true);
    // The chain runs downwards: each block's Add sits below its first Conv.
    expect(layout.nodes[4]!.y).toBeGreaterThan(layout.nodes[1]!.y);
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});

describe('search', () => {
  const model = buildGraphModel(syntheticGraph(3));
  it('finds by operator type exactly, and by part of a node name', () => {
    expect(searchNodes(model.nodes, 'conv').map((i) => model.nodes[i]!.name)).toEqual([
      'block0/conv1',
      'block0/conv2',
      'block1/conv1',
      'block1/conv2',
      'block2/conv1',
      'block2/conv2',
    ]);
    expect(searchNodes(model.nodes, 'block1/RE').map((i) => model.nodes[i]!.name)).toEqual(['block1/relu']);
    expect(searchNodes(model.nodes, '  ')).toEqual([]);
  });
  it('steps through matches and wraps', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('viewport', () => {
  it('fits a drawing in the view, never past 100 %', () => {
    const t = fitTransform({ x: 0, y: 0, width: 1000, height: 4000 }, 800, 600, 20);
    expect(t.k).toBeCloseTo(560 / 4000);
    expect(fitTransform({ x: 0, y: 0, width: 100, height: 100 }, 800, 600).k).toBe(1);
  });
  it('zooms around the pointer and centres on a point', () => {
    const t = zoomAt({ x: 10, y: 20, k: 1 }, 2, 110, 220);
    // The world point under the pointer (100, 200) stays under it.
    expect((110 - t.x) / t.k).toBeCloseTo(100);
    expect((220 - t.y) / t.k).toBeCloseTo(200);
    const c = centerOn({ x: 0, y: 0, k: 0.1 }, 50, 60, 800, 600);
    expect(c.k).toBe(0.8);
    expect(50 * c.k + c.x).toBeCloseTo(400);
  });
  it('measures the distance to an edge', () => {
    expect(distanceToPolyline([0, 0, 10, 0, 10, 10], 5, 3)).toBeCloseTo(3);
    expect(distanceToPolyline([0, 0, 10, 0, 10, 10], 12, 5)).toBeCloseTo(2);
  });
});
