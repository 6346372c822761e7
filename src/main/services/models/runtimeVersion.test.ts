import { describe, expect, it } from 'vitest';
import { onnxRuntimeVersion } from './runtimeVersion.js';

describe('the ONNX Runtime version', () => {
  it('is read from the package without loading the native binding into this process', () => {
    expect(onnxRuntimeVersion()).toMatch(/^ONNX Runtime \d+\.\d+\.\d+$/);
    expect(Object.keys(require.cache ?? {}).some((path) => path.endsWith('onnxruntime_binding.node'))).toBe(
      false,
    );
  });
});
