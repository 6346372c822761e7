import { runCli } from './program.js';

runCli(process.argv.slice(2)).then(
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
