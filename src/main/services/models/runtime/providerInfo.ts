import type { ProviderInfo } from '../../../../shared/contract/executionProviders.js';

/** What each provider needs, in the words a user can act on. */
const NEEDS: Record<string, string> = {
  cpu: 'Always available.',
  cuda: "Needs an NVIDIA GPU with CUDA 12 and cuDNN, and onnxruntime-node's CUDA binaries (installed with ONNXRUNTIME_NODE_INSTALL=cuda12).",
  tensorrt: 'Needs everything CUDA needs plus NVIDIA TensorRT.',
  webgpu: 'Needs a GPU adapter the WebGPU runtime can open; headless servers usually have none.',
  dml: 'Windows only (DirectML).',
  coreml: 'macOS only (Core ML).',
};

/** The worker's ONNX Runtime backends (`listSupportedBackends()`), each with what it needs. */
export function providerInfo(backends: readonly { name: string; bundled: boolean }[]): ProviderInfo[] {
  return backends.map(({ name, bundled }) => ({
    name,
    bundled,
    note: bundled
      ? (NEEDS[name] ?? 'Bundled with this build.')
      : `Not installed. ${NEEDS[name] ?? ''}`.trim(),
  }));
}
