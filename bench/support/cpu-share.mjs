// How busy one CPU was during a measurement and how much of that was the process measured, from
// /proc (Linux). Pinning a bench to a CPU keeps it off the other one, not other programs off its
// own: on a shared machine this says whether the model had its CPU to itself while it was timed.
import { readFileSync } from 'node:fs';

/**
 * Ticks of `cpu` since boot (/proc/stat): `busy` in processes (user, nice, system), `irq` in
 * interrupts (hard and soft: loopback network sends are processed there, on the sender's CPU), and
 * the total, with idle, iowait and the hypervisor's steal.
 */
function cpuTicks(cpu) {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`cpu${cpu} `));
  if (!line) throw new Error(`/proc/stat has no cpu${cpu}`);
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks;
  return { busy: user + nice + system, irq: irq + softirq, total };
}

/** User + system ticks of a process, all its threads (/proc/PID/stat fields 14 and 15); 0 once gone. */
function processTicks(pid) {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * Samples `cpu` and the process `pidOf()` names every 200 ms until stopped; `share(from, to)` (epoch
 * ms) is over the samples inside that window, as fractions of the one CPU: the process's, other
 * processes', and interrupts' (the kernel's network work is not charged to any process).
 */
export function sampleCpu(cpu, pidOf) {
  const samples = [];
  const take = () => samples.push({ t: Date.now(), ...cpuTicks(cpu), own: processTicks(pidOf()) });
  take();
  const timer = setInterval(take, 200);
  return {
    stop: () => clearInterval(timer),
    share(fromMs, toMs) {
      const inside = samples.filter((sample) => sample.t >= fromMs && sample.t <= toMs && sample.own > 0);
      const first = inside[0];
      const last = inside.at(-1);
      if (!first || !last || last.total === first.total) return undefined;
      const span = last.total - first.total;
      const busy = (last.busy - first.busy) / span;
      const own = (last.own - first.own) / span;
      return { own, others: Math.max(0, busy - own), irq: (last.irq - first.irq) / span };
    },
  };
}
