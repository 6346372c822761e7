// A Node process that does nothing but watch its own event loop, run beside a benchmark as the
// baseline for its stall figure: what the machine's load alone delays a timer by. Prints the longest
// delay (ms) on SIGTERM.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const keepAlive = setInterval(() => undefined, 1000);
process.on('SIGTERM', () => {
  delay.disable();
  clearInterval(keepAlive);
  process.stdout.write(`${(delay.max / 1e6).toFixed(1)}\n`);
});
process.stdout.write('ready\n');
