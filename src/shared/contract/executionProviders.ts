import { z } from 'zod';

/**
 * The execution providers onnxruntime-node can be asked for. Which of them this machine's build has,
 * `models.providers` says: CPU always; CUDA and TensorRT only when their libraries were installed;
 * DirectML on Windows and CoreML on macOS; WebGPU where a GPU adapter answers.
 */
export const executionProviders = ['cpu', 'cuda', 'tensorrt', 'webgpu', 'dml', 'coreml'] as const;
export const executionProviderSchema = z.enum(executionProviders);
export type ExecutionProvider = z.infer<typeof executionProviderSchema>;

export const providerInfoSchema = z.object({
  name: z.string(),
  /** Shipped with this build of ONNX Runtime; a provider that is not may still need a driver or a GPU. */
  bundled: z.boolean(),
  /** What it needs, or why it may fail here. */
  note: z.string(),
});
export type ProviderInfo = z.infer<typeof providerInfoSchema>;
