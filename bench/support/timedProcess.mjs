// What the benchmarks that time whole processes share: a command timed under /usr/bin/time -v, and a
// process that only watches its own event loop beside the measured one (on a loaded 2-core machine
// the scheduler alone delays a timer by tens of milliseconds, which any stall of ours includes).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';

/** Runs a command under /usr/bin/time -v; returns wall ms, max RSS (MB), stdout. */
export function timed(command, args, env = {}) {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, ...env },
  });
  const elapsedMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1] ?? 0);
  return { elapsedMs, peakRssMb: rssKb / 1024, stdout: child.stdout };
}

/** Starts the idle watcher; the function it returns stops it and gives its worst delay (ms). */
export async function startIdleBaseline() {
  const child = spawn(process.execPath, ['bench/support/idle-loop.mjs'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  while (!output.includes('ready')) await once(child.stdout, 'data');
  return async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
    return Number(output.split('\n').filter(Boolean).pop());
  };
}
