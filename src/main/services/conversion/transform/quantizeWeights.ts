/** A float32 [K, N] weight quantized to 8 bits, with one scale (and zero point) or one per column. */
export interface QuantizedWeight {
  values: Int8Array | Uint8Array;
  scales: Float32Array;
  zeroPoints: Int8Array | Uint8Array;
}

export type WeightType = 'int8' | 'uint8';

/**
 * int8 weights are symmetric (zero point 0, range ±127, as onnxruntime.quantization's QInt8 default);
 * uint8 weights are asymmetric over [min, max] widened to include 0 (its QUInt8). `weight` is
 * row-major [rows = K, columns = N]; per-channel means one scale per output column.
 */
export function quantizeWeight(
  weight: Float32Array,
  rows: number,
  columns: number,
  type: WeightType,
  perChannel: boolean,
): QuantizedWeight {
  const groups = perChannel ? columns : 1;
  const min = new Float32Array(groups);
  const max = new Float32Array(groups);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const value = weight[r * columns + c] as number;
      const g = perChannel ? c : 0;
      if (value < (min[g] as number)) min[g] = value;
      if (value > (max[g] as number)) max[g] = value;
    }
  }
  const scales = new Float32Array(groups);
  const zeroPoints = type === 'int8' ? new Int8Array(groups) : new Uint8Array(groups);
  for (let g = 0; g < groups; g++) {
    const lo = min[g] as number;
    const hi = max[g] as number;
    if (type === 'int8') {
      scales[g] = Math.max(Math.abs(lo), Math.abs(hi)) / 127 || 1;
    } else {
      const scale = (hi - lo) / 255 || 1;
      scales[g] = scale;
      zeroPoints[g] = Math.min(255, Math.max(0, Math.round(-lo / scale)));
    }
  }
  const values = type === 'int8' ? new Int8Array(weight.length) : new Uint8Array(weight.length);
  const [lowest, highest] = type === 'int8' ? [-127, 127] : [0, 255];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const g = perChannel ? c : 0;
      const i = r * columns + c;
      const q = Math.round((weight[i] as number) / (scales[g] as number)) + (zeroPoints[g] as number);
      values[i] = Math.min(highest, Math.max(lowest, q));
    }
  }
  return { values, scales, zeroPoints };
}

/** The [K, N] layout of a weight stored [N, K] (Gemm with transB=1). */
export function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c] as number;
  return out;
}
