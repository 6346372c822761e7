import { describe, expect, it } from 'vitest';
import { tensorTypeOfOnnx } from './onnxElementTypes.js';
import { tensorTypes } from './tensors.js';

describe('tensorTypeOfOnnx', () => {
  it('names every ONNX Runtime tensor type from its ONNX name', () => {
    const onnxNames = ['FLOAT', 'DOUBLE', 'FLOAT16', 'INT8', 'UINT8', 'INT16', 'UINT16', 'INT32', 'UINT32'];
    const named = [...onnxNames, 'INT64', 'UINT64', 'BOOL', 'STRING'].map(tensorTypeOfOnnx);
    expect(new Set(named)).toEqual(new Set(tensorTypes));
  });

  it('has no name for types ONNX Runtime cannot carry, nor for what an object inherits', () => {
    expect(tensorTypeOfOnnx('BFLOAT16')).toBeUndefined();
    expect(tensorTypeOfOnnx('FLOAT8E4M3FN')).toBeUndefined();
    expect(tensorTypeOfOnnx('toString')).toBeUndefined();
  });
});
