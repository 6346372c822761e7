import { prestartDataWorker } from './dataWorkerPrestart.js';
import { builtLayout } from './layout.js';

const argv = process.argv.slice(2);
const layout = builtLayout(import.meta.url);
// Started before the import below, which takes most of the CLI's start-up time.
const prestartedDataWorker = layout.dataWorker ? prestartDataWorker(argv, layout.dataWorker) : undefined;
const { runCli } = await import('./program.js');

runCli(argv, { layout, prestartedDataWorker }).then(
  (code) => {
    process.exitCode = code;
    // The run is over and its handlers are gone; a late signal (a second Ctrl-C while the process
    // closes its last handles) must not turn the exit code into a death by signal.
    for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => process.exit(code));
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
