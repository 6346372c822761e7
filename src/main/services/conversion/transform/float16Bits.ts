import { numberToFloat16 } from '../../../../shared/tensors/float16.js';

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

/**
 * float32 values as float16 bits (rounded to nearest even). Values beyond the float16 range are
 * clamped to ±65504 rather than becoming infinities, as onnxconverter-common clamps, so a large
 * weight stays large instead of poisoning every output; NaN stays NaN.
 */
export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    out[i] = numberToFloat16(value > FLOAT16_MAX ? FLOAT16_MAX : value < -FLOAT16_MAX ? -FLOAT16_MAX : value);
  }
  return out;
}
