import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for the requests in flight, up to `timeoutMs`; then closes
 * whatever is left. Idle keep-alive connections close at once, and responses sent meanwhile carry
 * `Connection: close`, so each busy connection ends with its request. Gives how many were forced.
 */
export async function closeGracefully(server: Server, timeoutMs: number): Promise<number> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!timedOut) return 0;
  const open = await new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count)));
  server.closeAllConnections();
  await closed;
  return open;
}
