import type { IncomingMessage } from 'node:http';
import type { Timing } from './timing.js';

export type Method = 'GET' | 'POST';

export interface RequestContext {
  req: IncomingMessage;
  /** Path parameters by the names in the route's template ({name} → params.name), URL-decoded. */
  params: Readonly<Record<string, string>>;
  requestId: string;
  /** The route's template, e.g. /v2/models/{name}/infer: what metrics, logs and captures name. */
  route: string;
  timing: Timing;
  /** Aborted when the request has timed out and its answer is sent: later work is wasted. */
  signal: AbortSignal;
  /** The body as it came, read within MAX_BODY_BYTES. */
  body(): Promise<Buffer>;
  /** The body parsed as JSON, read within MAX_BODY_BYTES. */
  json(): Promise<unknown>;
}

export interface Reply {
  status?: number;
  /** Sent as JSON, unless `text` or `bytes` is given. */
  body?: unknown;
  text?: string;
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface Route {
  method: Method;
  /** A template of literal segments and {param} segments, as OpenAPI writes paths. */
  path: string;
  /** One line for /openapi.json. */
  summary: string;
  /** Names of the /openapi.json component schemas of its JSON body and of its 200 response. */
  request?: string;
  response?: string;
  /** Answered without the API key: the probes an orchestrator sends. */
  public?: boolean;
  /** Runs the model: its failures count in mlw_inference_errors_total and it may be captured. */
  inference?: boolean;
  handle(context: RequestContext): Promise<Reply> | Reply;
}

export type Match =
  | { route: Route; params: Record<string, string> }
  | { route?: undefined; status: 404 }
  | { route?: undefined; status: 405; allow: Method[] };

export function createRouter(routes: readonly Route[]): (method: string, pathname: string) => Match {
  const compiled = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
  const paramOf = (segment: string) => /^\{(\w+)\}$/.exec(segment)?.[1];
  return (method, pathname) => {
    const parts = pathname.split('/').slice(1);
    const allow: Method[] = [];
    for (const { route, segments } of compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matches = segments.every((segment, k) => {
        const part = parts[k] as string;
        const param = paramOf(segment);
        if (param === undefined) return segment === part;
        if (part === '') return false;
        try {
          params[param] = decodeURIComponent(part);
        } catch {
          return false;
        }
        return true;
      });
      if (!matches) continue;
      if (route.method === method) return { route, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { status: 405, allow } : { status: 404 };
  };
}
