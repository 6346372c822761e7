import { DriftStatisticError } from './errors.js';

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/** Below this a comparison sort wins over four counting passes of 65,536 buckets. */
const RADIX_MIN_LENGTH = 4096;

/**
 * Sorts doubles ascending into a new array (-0 before +0). A least-significant-digit radix sort on the
 * IEEE-754 bits, mapped so that unsigned order is numeric order: about 3-4x faster than
 * Float64Array.prototype.sort for a million values (bench/drift-statistics.mjs). Throws on NaN.
 */
export function sortValues(values: Float64Array): Float64Array {
  const length = values.length;
  if (length < RADIX_MIN_LENGTH) {
    for (let i = 0; i < length; i++) if (Number.isNaN(values[i])) throw notANumber(i);
    return Float64Array.from(values).sort();
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, length * 2).slice();
  // Little-endian words: [low, high] per double. Flip so unsigned order matches numeric order.
  for (let i = 0; i < length; i++) {
    const high = words[2 * i + 1]!;
    if ((high & 0x7ff00000) === 0x7ff00000 && ((high & 0xfffff) !== 0 || words[2 * i] !== 0))
      throw notANumber(i);
    if (high & 0x80000000) {
      words[2 * i] = ~words[2 * i]! >>> 0;
      words[2 * i + 1] = ~high >>> 0;
    } else {
      words[2 * i + 1] = (high | 0x80000000) >>> 0;
    }
  }
  let from = words;
  let to = new Uint32Array(length * 2);
  const counts = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const wordOffset = pass >> 1;
    const shift = (pass & 1) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < length; i++) counts[(from[2 * i + wordOffset]! >>> shift) & DIGIT_MASK]!++;
    // A digit every key shares (the low words of integer-valued data) needs no pass.
    if (counts[(from[wordOffset]! >>> shift) & DIGIT_MASK] === length) continue;
    let position = 0;
    for (let digit = 0; digit < BUCKETS; digit++) {
      const count = counts[digit]!;
      counts[digit] = position;
      position += count;
    }
    for (let i = 0; i < length; i++) {
      const low = from[2 * i]!;
      const high = from[2 * i + 1]!;
      const target = counts[((wordOffset === 0 ? low : high) >>> shift) & DIGIT_MASK]!++;
      to[2 * target] = low;
      to[2 * target + 1] = high;
    }
    [from, to] = [to, from];
  }
  for (let i = 0; i < length; i++) {
    const high = from[2 * i + 1]!;
    if (high & 0x80000000) {
      from[2 * i + 1] = (high & 0x7fffffff) >>> 0;
    } else {
      from[2 * i] = ~from[2 * i]! >>> 0;
      from[2 * i + 1] = ~high >>> 0;
    }
  }
  return new Float64Array(from.buffer, from.byteOffset, length);
}

function notANumber(index: number): DriftStatisticError {
  return new DriftStatisticError(
    'NOT_A_NUMBER',
    `Value ${index} is NaN: drop missing values before a drift test (they are counted apart).`,
  );
}
