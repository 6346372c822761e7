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
