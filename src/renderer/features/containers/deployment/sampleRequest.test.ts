import { describe, expect, it } from 'vitest';
import { compactJson, concreteShape, parseMetadata, sampleBodies } from './sampleRequest.js';

// As the model server's README shows /metadata for its `adder` example.
const adder = JSON.stringify({
  name: 'adder',
  version: '1',
  inputs: [
    { name: 'x', type: 'float32', elementType: 'FLOAT', shape: ['batch', 3] },
    { name: 'n', type: 'int64', elementType: 'INT64', shape: ['batch', 1] },
  ],
  outputs: [],
});

describe('parseMetadata', () => {
  it('reads the name and inputs of the model server’s /metadata', () => {
    expect(parseMetadata(adder)?.inputs.map((i) => i.name)).toEqual(['x', 'n']);
  });

  it('is undefined for what is not that', () => {
    expect(parseMetadata('{"ok":true}')).toBeUndefined();
    expect(parseMetadata('not json')).toBeUndefined();
  });
});

describe('sampleBodies', () => {
  const metadata = parseMetadata(adder)!;

  it('makes a /predict body of named tensors, one row each', () => {
    expect(JSON.parse(sampleBodies(metadata).predict)).toEqual({
      inputs: { x: { shape: [1, 3], data: [0.1, 0.2, 0.3] }, n: { shape: [1, 1], data: [0] } },
    });
  });

  it('makes a v2 infer body with the protocol’s datatypes', () => {
    expect(JSON.parse(sampleBodies(metadata).infer)).toEqual({
      inputs: [
        { name: 'x', shape: [1, 3], datatype: 'FP32', data: [0.1, 0.2, 0.3] },
        { name: 'n', shape: [1, 1], datatype: 'INT64', data: [0] },
      ],
    });
  });

  it('fills a big tensor with zeros and booleans with false', () => {
    const body = sampleBodies({
      name: 'm',
      inputs: [
        { name: 'image', type: 'float32', shape: [null, 3, 8, 8] },
        { name: 'mask', type: 'bool', shape: [2] },
      ],
    });
    const parsed = JSON.parse(body.predict) as { inputs: Record<string, { data: unknown[] }> };
    expect(parsed.inputs.image!.data).toHaveLength(192);
    expect(new Set(parsed.inputs.image!.data)).toEqual(new Set([0]));
    expect(parsed.inputs.mask!.data).toEqual([false, false]);
  });
});

describe('concreteShape', () => {
  it('turns symbolic, unknown and -1 dims into 1', () => {
    expect(concreteShape(['batch', -1, null, 4])).toEqual([1, 1, 1, 4]);
  });
});

describe('compactJson', () => {
  it('keeps arrays of figures on one line', () => {
    expect(compactJson({ a: { shape: [1, 3], data: [0.1, 0.2] } })).toBe(
      '{\n  "a": {\n    "shape": [1, 3],\n    "data": [0.1, 0.2]\n  }\n}',
    );
  });

  it('leaves arrays of text alone, commas inside them included', () => {
    const value = { data: ['a,b', 'c'] };
    expect(JSON.parse(compactJson(value))).toEqual(value);
  });
});
