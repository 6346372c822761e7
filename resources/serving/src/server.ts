import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEADER_LENGTH } from '../../../src/shared/tensors/oipBinary.js';
import { createKeyCheck } from './auth.js';
import { declaredTooLarge, parseJson, readBody, tooLarge } from './body.js';
import { createCaptureWriter } from './capture.js';
import type { ServerConfig } from './config.js';
import { HttpError } from './httpError.js';
import { infoRoutes } from './info.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { loadModel } from './model.js';
import { oipRoutes } from './oip.js';
import { predictRoute } from './predict.js';
import { createRouter, type Reply, type RequestContext, type Route } from './router.js';
import { closeGracefully } from './shutdown.js';
import type { ServerState } from './state.js';
import { Timing } from './timing.js';

export interface RunningServer {
  /** http://host:port, with 127.0.0.1 for a server bound to every interface. */
  url: string;
  port: number;
  /** Resolves once the model is loaded and /ready answers 200; rejects with why it cannot be. */
  ready: Promise<void>;
  /** Stops accepting, lets requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), releases the model. */
  shutdown(): Promise<void>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

// A client's own request id is kept when it is plain enough to log and echo safely.
const requestIdOf = (req: IncomingMessage): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
};

export interface ServerOptions {
  logger?: Logger;
  /** How the model is loaded: loadModel, unless a test needs to hold the load back. */
  load?: typeof loadModel;
}

/** Listens at once (so /health answers while the model loads), then loads the model. */
export async function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const load = options.load ?? loadModel;
  const metrics = createMetrics();
  const state: ServerState = {
    config,
    model: undefined,
    draining: false,
    metrics,
    logger,
    capture: createCaptureWriter({
      dir: config.captureDir,
      sampleRate: config.captureSampleRate,
      model: config.modelName,
      version: config.modelVersion,
      metrics,
      logger,
    }),
  };
  const routes: Route[] = [];
  routes.push(...infoRoutes(state, () => routes), predictRoute(state), ...oipRoutes(state));
  const route = createRouter(routes);
  const keyCheck = config.apiKey === undefined ? undefined : createKeyCheck(config.apiKey);

  const handle = async (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    const timing = new Timing();
    const requestId = requestIdOf(req);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = route(method, path);
    const template = match.route?.path ?? 'unmatched';
    let failure: string | undefined;
    metrics.inflight(1);
    res.once('close', () => {
      metrics.inflight(-1);
      const ms = timing.elapsed();
      // 499, as nginx counts it: the client closed the connection before it had its answer.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.request(template, METHODS.has(method) ? method : 'other', status, ms / 1000);
      const fields = {
        method,
        route: template,
        path,
        status,
        ms: Math.round(ms * 100) / 100,
        requestId,
      };
      if (!res.writableFinished) logger.warn('request abandoned by the client', fields);
      else if (status >= 500) logger.error('request', { ...fields, error: failure });
      else logger.info('request', fields);
    });
    let reply: Reply;
    const abandon = new AbortController();
    try {
      if (!match.route)
        throw match.status === 405
          ? new HttpError(405, `${method} is not allowed on ${path}; it takes ${match.allow.join(', ')}.`, {
              Allow: match.allow.join(', '),
            })
          : new HttpError(
              404,
              `There is no route ${path}; GET /openapi.json lists the routes of this server.`,
            );
      if (keyCheck && !match.route.public && !keyCheck(req.headers))
        throw new HttpError(401, 'This server needs an API key: send "Authorization: Bearer <key>".', {
          'WWW-Authenticate': 'Bearer',
        });
      let body: Promise<Buffer> | undefined;
      const readRequestBody = (): Promise<Buffer> => {
        // The client waits for 100 Continue before sending the body; refusals never get that far.
        if (declaredTooLarge(req, config.maxBodyBytes)) return Promise.reject(tooLarge(config.maxBodyBytes));
        if (!body) {
          if (expectsContinue) res.writeContinue();
          body = readBody(req, config.maxBodyBytes, Number(req.headers[HEADER_LENGTH]));
        }
        return body;
      };
      const context: RequestContext = {
        req,
        params: match.params,
        requestId,
        route: template,
        timing,
        signal: abandon.signal,
        body: readRequestBody,
        json: async () => parseJson(await readRequestBody()),
      };
      reply = await withTimeout(
        Promise.resolve(match.route.handle(context)),
        config.requestTimeoutMs,
        abandon,
      );
    } catch (error) {
      reply = errorReply(error);
      if ((reply.status ?? 500) >= 500) failure = (reply.body as { error: string }).error;
      if (match.route?.inference) {
        const status = reply.status ?? 500;
        metrics.inferenceError(
          template,
          abandon.signal.aborted
            ? 'timeout'
            : status === 503
              ? 'unavailable'
              : status >= 500
                ? 'runtime'
                : 'invalid_input',
        );
      }
      if (!(error instanceof HttpError))
        logger.error('unexpected error', { requestId, error: describe(error) });
    }
    send(res, reply, timing, requestId, state.draining);
  };

  const server = createServer((req, res) => void handle(req, res, false));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => void handle(req, res, true));
  // Our own timer answers a slow request with 503 first; Node's stays as the backstop that closes the socket.
  server.requestTimeout = config.requestTimeoutMs + 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  logger.info('listening', { host: config.host, port, model: config.modelPath });

  const ready = load(config.modelPath, config.modelSha256, { intraOpThreads: config.intraOpThreads }).then(
    (model) => {
      state.model = model;
      metrics.modelLoaded({ name: config.modelName, version: config.modelVersion, sha256: model.sha256 });
      logger.info('model loaded', {
        name: config.modelName,
        version: config.modelVersion,
        sha256: model.sha256,
        inputs: model.inputs.map((input) => input.name),
        outputs: model.outputs.map((output) => output.name),
        intraOpThreads: config.intraOpThreads ?? 'onnxruntime default',
      });
    },
  );
  // The caller decides what a failed load means (main.ts exits); an unobserved rejection must not crash.
  ready.catch(() => undefined);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    ready,
    shutdown: () => {
      closing ??= (async () => {
        state.draining = true;
        const forced = await closeGracefully(server, config.shutdownTimeoutMs);
        if (forced > 0)
          logger.warn('shutdown timeout: connections closed with requests in flight', {
            connections: forced,
          });
        await state.capture.flush();
        await ready.catch(() => undefined);
        await state.model?.release();
        state.model = undefined;
      })();
      return closing;
    },
  };
}

/** The handler's reply, or 503 after `ms`; `abandon` then tells the handler to stop (see inference.ts). */
function withTimeout(work: Promise<Reply>, ms: number, abandon: AbortController): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon.abort();
      reject(
        new HttpError(503, `The request took longer than ${ms} ms (REQUEST_TIMEOUT_MS) and was abandoned.`, {
          // The handler may still be reading the body, so the connection cannot carry another request.
          Connection: 'close',
        }),
      );
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function errorReply(error: unknown): Reply {
  if (error instanceof HttpError)
    return { status: error.status, body: { error: error.message }, headers: error.headers };
  return { status: 500, body: { error: `The server failed: ${describe(error)}` } };
}

function send(res: ServerResponse, reply: Reply, timing: Timing, requestId: string, draining: boolean): void {
  if (res.headersSent || res.destroyed) return;
  let payload: string | Uint8Array;
  let contentType = reply.contentType ?? 'application/json';
  let status = reply.status ?? 200;
  try {
    payload = reply.bytes ?? reply.text ?? JSON.stringify(reply.body ?? null);
  } catch (error) {
    // A response too large for one string, say: the request must still get an answer.
    status = 500;
    contentType = 'application/json';
    payload = JSON.stringify({ error: `The response could not be written: ${describe(error)}` });
  }
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader(
    'Content-Length',
    typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Request-Id', requestId);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  // Draining: the client should open its next connection elsewhere.
  if (draining) res.setHeader('Connection', 'close');
  res.setHeader('Server-Timing', timing.header());
  res.end(payload);
}
