/**
 * What the ONNX Runtime this app ships (onnxruntime-node 1.30) accepts, measured by loading models
 * stamped with each version (runtimeSupport.test.ts repeats it, so an upgrade that moves a limit
 * fails there). Its refusals read "Current official support for domain ai.onnx is till opset 26" and
 * "Unsupported model IR version: 14, max supported IR version: 13". Below opset 7 it only warns.
 */
export const onnxRuntime = {
  name: 'ONNX Runtime 1.30',
  maxIrVersion: 13,
  maxOpset: { 'ai.onnx': 26, 'ai.onnx.ml': 5 } as Record<string, number>,
  minGuaranteedOpset: 7,
};

/** Operator-set domains defined by ONNX; '' is ai.onnx. */
export const onnxDomains = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.preview.training']);

/** ONNX Runtime's own operator domains (its contrib operators). */
export const onnxRuntimeDomains = new Set([
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.microsoft.experimental',
]);

/** ai.onnx.preview.training is ONNX's, but ONNX Runtime's inference build has no kernels for it. */
export const domainsWithoutRuntimeKernels = new Set(['ai.onnx.preview.training']);

export function canonicalDomain(domain: string): string {
  return domain === '' ? 'ai.onnx' : domain;
}
