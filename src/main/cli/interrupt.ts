import { WorkbenchError } from '../../shared/contract/errors.js';

/** The signals that ask `mlw` to stop: Ctrl-C, `timeout`/CI/`docker stop`, a closed terminal. */
const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

/** How long the running work has to cancel and clean up before `mlw` exits anyway. */
const DEFAULT_GRACE_MS = 5_000;

export interface Interruption {
  /** The signal that arrived first, if any. */
  readonly received: StopSignal | undefined;
  /** Resolves when a stop signal arrives (never otherwise). */
  readonly stopped: Promise<StopSignal>;
  /** The exit code for a stop: 128 + the signal's number (143 for SIGTERM), as shells report it. */
  exitCode(): number | undefined;
  /** The one CANCELLED error a stop prints. */
  error(): WorkbenchError;
  /** Removes the handlers (the run is over). */
  dispose(): void;
}

/**
 * Turns SIGTERM, SIGINT and SIGHUP into a clean stop: `stopped` resolves, so the command cancels
 * its work (jobs abort through their AbortSignal and remove their own staging copies, the model
 * worker is killed) and exits with 128 + signal. A second signal, or `graceMs` without an end, runs
 * `force` (kill what is left and exit now).
 */
export function watchStopSignals(options: { force: (code: number) => void; graceMs?: number }): Interruption {
  let received: StopSignal | undefined;
  let timer: NodeJS.Timeout | undefined;
  let resolveStopped: (signal: StopSignal) => void = () => undefined;
  const stopped = new Promise<StopSignal>((resolve) => {
    resolveStopped = resolve;
  });
  const graceMs = options.graceMs ?? (Number(process.env.MLW_STOP_GRACE_MS) || DEFAULT_GRACE_MS);
  const handlers = new Map<StopSignal, () => void>();
  let over = false;
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    const handler = (): void => {
      if (over) return;
      if (received) {
        options.force(128 + STOP_SIGNALS[received]);
        return;
      }
      received = name;
      timer = setTimeout(() => options.force(128 + STOP_SIGNALS[name]), graceMs);
      timer.unref();
      resolveStopped(name);
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    get received() {
      return received;
    },
    stopped,
    exitCode: () => (received ? 128 + STOP_SIGNALS[received] : undefined),
    error: () =>
      new WorkbenchError({
        code: 'CANCELLED',
        message: `Stopped by ${received ?? 'a signal'}: the running work was cancelled and its partial files removed.`,
      }),
    dispose() {
      clearTimeout(timer);
      // The process is about to exit with the run's code: a signal now must neither kill it by signal
      // (no handler would mean Node's default) nor change the code, so the handlers stay a moment.
      over = true;
      setTimeout(() => {
        for (const [name, handler] of handlers) process.off(name, handler);
      }, 1_000).unref();
    },
  };
}
