import type { WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures.js';

test('after the host closes its connection, the page shows it is reconnecting, reconnects and subscribes again', async ({
  page,
  host,
}) => {
  const connections: { route: WebSocketRoute; sent: string[] }[] = [];
  await page.routeWebSocket(/\/api\/rpc$/, (route) => {
    const connection = { route, sent: [] as string[] };
    connections.push(connection);
    // The first attempt to reconnect fails too, so the page backs off and shows it is reconnecting.
    if (connections.length === 2) {
      void route.close({ code: 1013, reason: 'try again later' });
      return;
    }
    const server = route.connectToServer();
    route.onMessage((message) => {
      if (typeof message === 'string') connection.sent.push(message);
      server.send(message);
    });
  });
  await page.goto(host.url);
  await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
  await expect.poll(() => connections[0]?.sent.some((m) => m.includes('"jobs.updated"'))).toBe(true);

  // As the host does to a connection that broke the protocol: a close code and a reason.
  await connections[0]?.route.close({ code: 1008, reason: 'more than 64 calls in flight on one connection' });
  await expect(page.getByTestId('connection-state')).toHaveText('Reconnecting…');
  await expect.poll(() => connections.length, { timeout: 15_000 }).toBe(3);
  await expect(page.getByTestId('connection-state')).toHaveCount(0);
  await expect.poll(() => connections[2]?.sent.some((m) => m.includes('"jobs.updated"'))).toBe(true);
});
