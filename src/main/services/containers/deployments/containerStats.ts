/** The part of the engine's stats report (GET /containers/{id}/stats) that usage is computed from. */
export interface StatsSample {
  cpu_stats: CpuSample;
  precpu_stats?: Partial<CpuSample>;
  memory_stats: { usage?: number; limit?: number; stats?: { inactive_file?: number } };
}

interface CpuSample {
  cpu_usage: { total_usage: number };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface ContainerUsage {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
}

/**
 * Whether a one-shot report carries the sample before it. Docker's does (it waits for a second
 * reading); Podman 4.3's leaves precpu_stats empty, so the CPU share needs a second report.
 */
export function hasPreviousSample(sample: StatsSample): boolean {
  return (sample.precpu_stats?.system_cpu_usage ?? 0) > 0;
}

/**
 * Usage as `docker stats` computes it: the container's share of all CPUs between two readings,
 * times their number, and the memory in use less the page cache it can give back. `previous` is
 * the earlier report, for an engine whose report has no precpu_stats.
 */
export function containerUsage(sample: StatsSample, previous?: StatsSample): ContainerUsage {
  const before = previous ? previous.cpu_stats : sample.precpu_stats;
  const cpuDelta = sample.cpu_stats.cpu_usage.total_usage - (before?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (sample.cpu_stats.system_cpu_usage ?? 0) - (before?.system_cpu_usage ?? 0);
  const cpus = sample.cpu_stats.online_cpus ?? 1;
  const known = (before?.system_cpu_usage ?? 0) > 0;
  const memory = sample.memory_stats;
  return {
    cpuPercent: known && systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
    memoryBytes: Math.max(0, (memory.usage ?? 0) - (memory.stats?.inactive_file ?? 0)),
    memoryLimitBytes: memory.limit ?? 0,
  };
}
