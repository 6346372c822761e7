/**
 * Runs independent branches of work side by side, each with a signal of its own that aborts when
 * the caller's does or when another branch fails: a failed branch never leaves its sibling running
 * on a connection that is about to close. Resolves or rejects only after every branch has settled.
 */
export async function inParallel<T extends unknown[]>(
  signal: AbortSignal | undefined,
  branches: { [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> },
): Promise<T> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) forward();
  try {
    const settled = await Promise.allSettled(
      branches.map((branch) =>
        branch(controller.signal).catch((error: unknown) => {
          controller.abort(error);
          throw error;
        }),
      ),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as T;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
