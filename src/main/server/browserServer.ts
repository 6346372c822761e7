import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { RPC_PATH, UPLOAD_PATH } from '../../shared/contract/wire.js';
import type { CallerContext } from '../rpc/caller.js';
import type { Router } from '../rpc/router.js';
import type { UploadStore } from '../services/workspace/index.js';
import { checkRequest, cookieName, newToken, tokensEqual } from './auth.js';
import { serveRpcSocket } from './rpcSocket.js';
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
}

export interface BrowserServer {
  readonly port: number;
  readonly token: string;
  /** The address to open once: it sets the session cookie and redirects to the app. */
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** The browser host: the built renderer and the contract over a WebSocket, on loopback only. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken();
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

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

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const verdict = checkRequest(request, { port, token, requireOrigin: true });
    if (url.pathname !== RPC_PATH || !verdict.ok) {
      const status = url.pathname !== RPC_PATH ? 404 : verdict.ok ? 200 : verdict.status;
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveRpcSocket(ws, options.router, options.caller));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
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
