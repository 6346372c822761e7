/** One reading of a deployment's use, at the time it was taken. */
export interface StatsSample {
  at: number;
  cpuPercent: number;
  memoryBytes: number;
}

export const STATS_WINDOW_MS = 60_000;

/** The readings of the last minute with the new one appended; a repeated reading (same time) is kept once. */
export function appendSample(
  samples: readonly StatsSample[],
  sample: StatsSample,
  windowMs = STATS_WINDOW_MS,
): StatsSample[] {
  if (samples.at(-1)?.at === sample.at) return [...samples];
  return [...samples, sample].filter((s) => s.at > sample.at - windowMs);
}
