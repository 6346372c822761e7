/** Trailing debounce that still fires at least every `maxWaitMs` while calls keep coming. */
export function debounceWithMaxWait(quietMs: number, maxWaitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | undefined;
  let pending: (() => void) | undefined;
  const fire = (): void => {
    timer = undefined;
    firstAt = undefined;
    const run = pending;
    pending = undefined;
    run?.();
  };
  return {
    /** Runs the latest `run` once things go quiet, or when the max wait is up. */
    schedule(run: () => void): void {
      pending = run;
      const now = Date.now();
      firstAt ??= now;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
    },
    cancel(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      firstAt = undefined;
      pending = undefined;
    },
  };
}
