import type { RunOptions } from '../../duckdb/index.js';

/**
 * Progress of a sub-step as a share of the whole. Without a listener none is passed on, so DuckDB's
 * progress is not polled (each poll is a call on the main thread into the running query).
 */
export function scaled(options: RunOptions, from: number, share: number): RunOptions {
  const { signal, onProgress } = options;
  return {
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress: (fraction: number) => onProgress(from + fraction * share) } : {}),
  };
}

/**
 * Progress over passes that may run side by side: each pass has an equal share, and the whole is
 * the sum of every pass's own fraction, so two passes moving at once both move the bar.
 */
export function passProgress(
  options: RunOptions,
  names: readonly string[],
): { of(name: string): RunOptions; done(name: string): void } {
  const fractions = new Map(names.map((name) => [name, 0]));
  const report = (): void =>
    options.onProgress?.([...fractions.values()].reduce((a, b) => a + b, 0) / names.length);
  const set = (name: string, fraction: number): void => {
    fractions.set(name, Math.max(fractions.get(name) ?? 0, Math.min(1, fraction)));
    report();
  };
  return {
    of: (name) => ({
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: (fraction: number) => set(name, fraction) } : {}),
    }),
    done: (name) => set(name, 1),
  };
}
