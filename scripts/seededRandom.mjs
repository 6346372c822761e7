// A seeded pseudo-random generator for the scripts that write data (sample data sets, benchmark
// inputs): the same seed writes the same bytes on every machine.

/** mulberry32: small and fast; good enough for generated data, not for cryptography. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
