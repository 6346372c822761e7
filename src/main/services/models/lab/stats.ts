/** Latency statistics: percentiles by linear interpolation between order statistics (numpy's default). */
export function latencyStats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number) => {
    const position = (n - 1) * q;
    const low = Math.floor(position);
    const high = Math.min(n - 1, low + 1);
    const a = sorted[low] ?? 0;
    const b = sorted[high] ?? a;
    return a + (b - a) * (position - low);
  };
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, n);
  const variance = sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, n);
  return {
    mean,
    std: Math.sqrt(variance),
    min: sorted[0] ?? 0,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[n - 1] ?? 0,
  };
}
