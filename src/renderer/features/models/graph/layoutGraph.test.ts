import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import { buildGraphModel, type GraphModel } from './graphModel.js';
import { layoutGraph, layoutInput, type GraphLayout } from './layoutGraph.js';
import { searchNodes, stepMatch } from './search.js';
import { syntheticGraph, syntheticTransformer } from './syntheticGraph.js';
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

  it('lays out a 3,000-node branching graph fast, every edge routed, residual branches side by side', () => {
    const model = buildGraphModel(syntheticGraph(750));
    expect(model.nodes).toHaveLength(3002);
    const layout = layoutGraph(layoutInput(model));
    console.log(
      `layout of ${model.nodes.length} nodes, ${model.edges.length} edges: ${layout.elapsedMs.toFixed(0)} ms`,
    );
    expectReadable(model, layout);
    // A block's Add sits below its first Conv, and the skip runs beside the Conv, Relu, Conv column.
    expect(layout.nodes[4]!.y).toBeGreaterThan(layout.nodes[1]!.y);
    const skip = model.edges.findIndex((edge) => edge.from === 'in:input' && edge.to === 'n3');
    const conv = layout.nodes[1]!;
    const beside = layout.edges[skip]!.filter((_, i) => i % 2 === 0).slice(1, -1);
    expect(beside.length).toBeGreaterThan(0);
    for (const x of beside) expect(x < conv.x || x > conv.x + conv.width).toBe(true);
    // A chain of blocks stays one column wide instead of drifting sideways.
    expect(layout.width).toBeLessThan(400);
    expect(layout.elapsedMs).toBeLessThan(5_000);
  }, 60_000);

  it('lays out a 30,000-node transformer readably within seconds, deterministically', () => {
    const model = buildGraphModel(syntheticTransformer(1429));
    expect(model.nodes.length).toBeGreaterThan(30_000);
    const layout = layoutGraph(layoutInput(model));
    console.log(
      `layout of ${model.nodes.length} nodes, ${model.edges.length} edges: ${layout.elapsedMs.toFixed(0)} ms`,
    );
    expectReadable(model, layout);
    // The mask every layer reads is one trunk down the side, not a fan of 1,429 long lines: each
    // reader's line leaves the trunk where the one before it branched off.
    const maskEdges = model.edges.flatMap((edge, e) => (edge.from === 'in:mask' ? [layout.edges[e]!] : []));
    expect(maskEdges).toHaveLength(1429);
    // Thousands of ranks deep, the stack stays a column instead of drifting off sideways.
    expect(layout.width).toBeLessThan(1000);
    const byTop = [...maskEdges].sort((a, b) => a[a.length - 1]! - b[b.length - 1]!);
    for (let k = 1; k < byTop.length; k++) {
      const before = byTop[k - 1]!;
      const [x, y] = byTop[k]!;
      const onBefore = before.some((value, i) => i % 2 === 0 && value === x && before[i + 1] === y);
      expect(onBefore).toBe(true);
    }
    // So the trunk costs a point per rank at most, not one per rank per reader.
    const ranks = layout.height / (26 + 24);
    expect(maskEdges.reduce((sum, points) => sum + points.length, 0)).toBeLessThan(2 * (ranks + 2 * 1429));
    // A loaded CI machine gets a wide margin; here it takes about a second.
    expect(layout.elapsedMs).toBeLessThan(20_000);
    const again = layoutGraph(layoutInput(model));
    expect(again.nodes).toEqual(layout.nodes);
    expect(again.edges).toEqual(layout.edges);
  }, 120_000);

  it('lays out a graph with a cycle (a broken model) instead of failing, the closing edge reversed', () => {
    const layout = layoutGraph({
      nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 60, height: 26 })),
      edges: [
        { id: 'ab', from: 'a', to: 'b' },
        { id: 'bc', from: 'b', to: 'c' },
        { id: 'ca', from: 'c', to: 'a' },
        { id: 'cx', from: 'c', to: 'missing' },
      ],
    });
    expect(layout.nodes.map((n) => n.y)).toEqual([16, 66, 116]);
    // The edge back up still ends at its head's box: it starts at c's top and ends at a's bottom.
    const back = layout.edges[2]!;
    expect(back[1]).toBe(layout.nodes[2]!.y);
    expect(back[back.length - 1]).toBe(layout.nodes[0]!.y + 26);
    expect(layout.edges[3]).toEqual([]);
  });
});

/**
 * No two boxes overlap, every edge runs downwards to its head's top, from its tail's bottom or from
 * the trunk below it, and passes no box. Collects the faults (plain checks: hundreds of thousands of
 * `expect` calls would take minutes) and shows the first few.
 */
function expectReadable(model: GraphModel, layout: GraphLayout): void {
  expect(layout.nodes).toHaveLength(model.nodes.length);
  const faults: string[] = [];
  const byRow = new Map<number, { x: number; width: number }[]>();
  layout.nodes.forEach((box, i) => {
    if (box.x < 0 || box.x + box.width > layout.width + 1e-6 || box.y + box.height > layout.height + 1e-6)
      faults.push(`box ${i} outside the drawing`);
    const row = byRow.get(box.y) ?? [];
    row.push(box);
    byRow.set(box.y, row);
  });
  const rowYs = [...byRow.keys()].sort((a, b) => a - b);
  for (let r = 1; r < rowYs.length; r++)
    if (rowYs[r]! - rowYs[r - 1]! < 26 + 20) faults.push(`rows at ${rowYs[r - 1]} and ${rowYs[r]} overlap`);
  for (const row of byRow.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++)
      if (row[i]!.x < row[i - 1]!.x + row[i - 1]!.width + 10) faults.push(`boxes overlap at x ${row[i]!.x}`);
  }
  const index = new Map(model.nodes.map((node, i) => [node.id, i]));
  const rowMid = new Map(rowYs.map((y) => [y + 13, byRow.get(y)!]));
  model.edges.forEach((edge, e) => {
    const points = layout.edges[e]!;
    const from = layout.nodes[index.get(edge.from)!]!;
    const to = layout.nodes[index.get(edge.to)!]!;
    if (to.y <= from.y) faults.push(`${edge.id} runs upwards`);
    if (points.length < 4) return faults.push(`${edge.id} has no line`);
    if (points[1]! < from.y + from.height) faults.push(`${edge.id} starts above its tail's bottom`);
    if (points[points.length - 1] !== to.y) faults.push(`${edge.id} does not end at its head's top`);
    for (let i = 3; i < points.length; i += 2)
      if (points[i]! <= points[i - 2]!) faults.push(`${edge.id} turns upwards`);
    for (let i = 0; i + 2 < points.length; i += 2) {
      for (const box of rowMid.get(points[i + 1]!) ?? []) {
        if (points[i]! > box.x && points[i]! < box.x + box.width) faults.push(`${edge.id} crosses a box`);
      }
    }
  });
  expect(faults.slice(0, 5)).toEqual([]);
}

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
