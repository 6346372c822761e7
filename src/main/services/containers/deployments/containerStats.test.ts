import { describe, expect, it } from 'vitest';
import { containerUsage, hasPreviousSample, type StatsSample } from './containerStats.js';

/** A one-shot report as Docker 20.10 gives it: two readings a second apart. */
const docker: StatsSample = {
  cpu_stats: {
    cpu_usage: { total_usage: 2_600_000_000 },
    system_cpu_usage: 1_002_000_000_000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 2_100_000_000 },
    system_cpu_usage: 1_000_000_000_000,
    online_cpus: 2,
  },
  memory_stats: { usage: 30_000_000, limit: 1_000_000_000, stats: { inactive_file: 5_000_000 } },
};

/** Podman 4.3's one-shot reports: the reading alone, with precpu_stats zeroed and no memory detail. */
const podmanFirst: StatsSample = {
  cpu_stats: {
    cpu_usage: { total_usage: 491_319_634 },
    system_cpu_usage: 15_416_528_430_681,
    online_cpus: 2,
  },
  precpu_stats: { cpu_usage: { total_usage: 0 } },
  memory_stats: { usage: 22_519_808, limit: 25_276_182_528 },
};
const podmanSecond: StatsSample = {
  ...podmanFirst,
  cpu_stats: {
    cpu_usage: { total_usage: 741_319_634 },
    system_cpu_usage: 15_418_528_430_681,
    online_cpus: 2,
  },
};

describe('containerUsage', () => {
  it("computes Docker's figure from its report alone", () => {
    expect(hasPreviousSample(docker)).toBe(true);
    expect(containerUsage(docker)).toEqual({
      cpuPercent: 50,
      memoryBytes: 25_000_000,
      memoryLimitBytes: 1_000_000_000,
    });
  });

  it('needs a second report from Podman, whose one-shot report has no earlier reading', () => {
    expect(hasPreviousSample(podmanFirst)).toBe(false);
    // Without it the share would be the container's whole life over the host's uptime: say nothing.
    expect(containerUsage(podmanFirst).cpuPercent).toBe(0);
    expect(containerUsage(podmanSecond, podmanFirst)).toEqual({
      cpuPercent: 25,
      memoryBytes: 22_519_808,
      memoryLimitBytes: 25_276_182_528,
    });
  });
});
