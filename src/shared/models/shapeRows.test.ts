import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../contract/modelSummary.js';
import { compareShape, shapeRows } from './shapeRows.js';

const float = (shape: (number | string | null)[] | null) => ({ elementType: 'FLOAT', shape });

describe('comparing observed with inferred shapes', () => {
  it('is the same when every size agrees, a symbolic one by the size it was given', () => {
    expect(compareShape(float(['n', 8]), { type: 'float32', dims: [3, 8] }, { n: 3 })).toBe('same');
  });

  it('is refined where inference left a size, the rank or the type open', () => {
    expect(compareShape(float([null, 8]), { type: 'float32', dims: [3, 8] }, {})).toBe('refined');
    expect(compareShape(float(['unk__1', 8]), { type: 'float32', dims: [3, 8] }, {})).toBe('refined');
    expect(compareShape(float(null), { type: 'float32', dims: [3] }, {})).toBe('refined');
    expect(compareShape({ elementType: null, shape: [3] }, { type: 'int64', dims: [3] }, {})).toBe('refined');
    expect(compareShape(undefined, { type: 'int64', dims: [3] }, {})).toBe('refined');
  });

  it('is a mismatch when a size, the rank or the element type disagrees', () => {
    expect(compareShape(float(['n', 8]), { type: 'float32', dims: [3, 8] }, { n: 2 })).toBe('mismatch');
    expect(compareShape(float([4, 8]), { type: 'float32', dims: [3, 8] }, {})).toBe('mismatch');
    expect(compareShape(float([8]), { type: 'float32', dims: [1, 8] }, {})).toBe('mismatch');
    expect(compareShape(float([8]), { type: 'float64', dims: [8] }, {})).toBe('mismatch');
  });

  it('lists the graph’s values in order with both shapes and why one was not observed', () => {
    const graph = {
      name: 'g',
      inputs: [{ name: 'x', type: null, docString: '' }],
      outputs: [],
      nodes: [
        {
          name: 'a',
          opType: 'Relu',
          domain: 'ai.onnx',
          inputs: ['x'],
          outputs: ['h', ''],
          attributes: [],
          flops: null,
          subgraphs: [],
        },
        {
          name: 'b',
          opType: 'If',
          domain: 'ai.onnx',
          inputs: ['h'],
          outputs: ['y'],
          attributes: [],
          flops: null,
          subgraphs: [
            {
              attribute: 'then_branch',
              graph: {
                name: 'then',
                inputs: [],
                outputs: [],
                nodes: [],
                values: [{ name: 'inner', elementType: 'INT64', shape: [2], declared: false }],
              },
            },
          ],
        },
      ],
      values: [
        { name: 'x', elementType: 'FLOAT', shape: ['n'], declared: true },
        { name: 'h', elementType: 'FLOAT', shape: [4], declared: false },
      ],
    } satisfies GraphSummary;
    const rows = shapeRows(graph, {
      schemaVersion: 1,
      dims: { n: 2 },
      values: {
        x: { type: 'float32', dims: [2] },
        h: { type: 'float32', dims: [2] },
        y: { type: 'float32', dims: [] },
      },
      unobserved: [{ name: 'inner', reason: 'inside b' }],
      runs: 1,
      elapsedMs: 3,
    });
    expect(rows.map((r) => [r.name, r.verdict, r.reason])).toEqual([
      ['x', 'same', null],
      ['h', 'mismatch', null],
      ['y', 'refined', null],
      ['inner', null, 'inside b'],
    ]);
    expect(rows[1]?.inferred).toEqual({ elementType: 'FLOAT', shape: [4] });
    expect(rows[3]?.inferred).toEqual({ elementType: 'INT64', shape: [2] });
  });
});
