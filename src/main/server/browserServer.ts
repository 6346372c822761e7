import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { RPC_PATH, UPLOAD_PATH } from '../../shared/contract/wire.js';
import type { CallerContext } from '../rpc/caller.js';
import type { Router } from '../rpc/router.js';
import type { UploadStore } from '../services/workspace/index.js';
import { checkRequest, cookieName, newToken, tokensEqual } from './auth.js';
import { rpcSocketLimits, serveRpcSocket, withCloseReasons, type RpcSocketLimits } from './rpcSocket.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { serveStatic } from './staticFiles.js';
import { handleUpload } from './uploadRoute.js';

export interface BrowserServerOptions {
  router: Router;
  caller: CallerContext;
  uploads: UploadStore;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  onError?: (error: unknown) => void;
  /** One line per misbehaving connection or client; never holds the token. */
  log?: (line: string) => void;
  /** Per-connection limits; tests lower them to reach them quickly. */
  limits?: Partial<RpcSocketLimits>;
  /** A connection that answers no ping within this long is cut (a dead peer or a stuck frame). */
  heartbeatMs?: number;
}

export interface BrowserServer {
  readonly port: number;
  readonly token: string;
  /** The address to open once: it sets the session cookie and redirects to the app. */
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const HEARTBEAT_MS = 30_000;

/** The browser host: the built renderer and the contract over a WebSocket, on loopback only. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken();
  let port = 0;
  let connections = 0;
  const log = options.log ?? (() => undefined);
  const limits: RpcSocketLimits = { ...rpcSocketLimits, ...options.limits };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.frameBytes });
  sockets.on('error', (error) => log(`WebSocket server error: ${error.message}`));
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      if (!alive.has(client)) {
        log('a connection answered no ping: cut');
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    handleHttp(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const handleHttp = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const offered = url.searchParams.get('token');
    if (request.method === 'GET' && offered !== null) {
      const verdict = checkRequest(request, { port, token, requireOrigin: false });
      if (verdict.ok || (verdict.status === 401 && tokensEqual(offered, token))) {
        url.searchParams.delete('token');
        response.setHeader('Set-Cookie', `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
        response.writeHead(302, { Location: `${url.pathname}${url.search}` }).end();
        return;
      }
    }
    const verdict = checkRequest(request, { port, token, requireOrigin: false });
    if (!verdict.ok) {
      refuse(response, verdict.status, verdict.reason);
      return;
    }
    if (url.pathname === UPLOAD_PATH) {
      if (request.headers.origin === undefined) {
        refuse(response, 403, 'Origin header missing');
        return;
      }
      await handleUpload(request, response, url, options.uploads);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    await serveStatic(options.staticDir, url.pathname, response);
  };

  // Node answers a request it cannot parse with 400 by itself; a listener here must do the same.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    log(`refused a malformed HTTP request: ${error.code ?? error.message}`);
    if (socket.writable && !socket.writableEnded)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const verdict = checkRequest(request, { port, token, requireOrigin: true });
    if (url.pathname !== RPC_PATH || !verdict.ok) {
      const status = url.pathname !== RPC_PATH ? 404 : verdict.ok ? 200 : verdict.status;
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      connections += 1;
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveRpcSocket(withCloseReasons(ws, limits.frameBytes), {
        router: options.router,
        caller: options.caller,
        limits,
        label: `connection ${connections}`,
        log,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log(`HTTP server error: ${error.message}`));

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
      clearInterval(heartbeat);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: 401 | 403, reason: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(
    status === 401
      ? `MLOps Workbench: this address needs its token (${reason}). Open the URL with ?token=… that \`mlw serve\` printed in its terminal.\n`
      : `MLOps Workbench refused this request: ${reason}.\n`,
  );
}
