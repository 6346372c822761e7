import type { DimSummary, TypeSummary } from '../../../shared/contract/modelSummary.js';
import { ortElementName } from '../../../shared/tensors/onnxElementTypes.js';

/** A shape as a user reads it: `[batch, 3, 224, 224]`; a symbolic dim by its name, unknown as `?`. */
export function formatShape(shape: readonly DimSummary[] | null): string {
  if (shape === null) return '?';
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

/** ONNX element type names read better the way ONNX Runtime says them: FLOAT → float32, BFLOAT16 → bfloat16. */
export function formatElementType(elementType: string | null): string {
  if (elementType === null) return '?';
  return ortElementName(elementType);
}

/** A value's whole type: `float32 [N, 3]`, `sequence<float32 [?]>`, `map<int64, float32>`. */
export function formatType(type: TypeSummary | null): string {
  if (type === null) return '?';
  switch (type.kind) {
    case 'tensor':
      return `${formatElementType(type.elementType)} ${formatShape(type.shape)}`;
    case 'sparse_tensor':
      return `sparse ${formatElementType(type.elementType)} ${formatShape(type.shape)}`;
    case 'sequence':
    case 'optional':
      return `${type.kind}<${formatType(type.element)}>`;
    case 'map':
      return `map<${formatElementType(type.keyType)}, ${formatType(type.value)}>`;
  }
}

/** Large counts with SI suffixes (FLOPs, parameters): 1.23 G, 45.6 M, 789 k. */
export function formatSi(value: number): string {
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) return `${(value / size).toPrecision(3)} ${unit}`;
  }
  return String(value);
}

/** `1 node`, `3,000 nodes`. */
export function countOf(count: number, word: string, plural = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : plural}`;
}
