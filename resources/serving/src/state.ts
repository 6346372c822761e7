import type { CaptureWriter } from './capture.js';
import type { ServerConfig } from './config.js';
import { HttpError } from './httpError.js';
import type { Logger } from './log.js';
import type { ServerMetrics } from './metrics.js';
import type { LoadedModel } from './model.js';

/** What the route handlers share: settings, the model once it has loaded, metrics and capture. */
export interface ServerState {
  readonly config: ServerConfig;
  model: LoadedModel | undefined;
  /** Set from SIGTERM on: /ready answers 503 so a load balancer stops sending, responses close their connection. */
  draining: boolean;
  readonly metrics: ServerMetrics;
  readonly capture: CaptureWriter;
  readonly logger: Logger;
}

export function requireModel(state: ServerState): LoadedModel {
  if (state.model) return state.model;
  throw new HttpError(503, 'The model is still loading; GET /ready answers 200 once it can serve.', {
    'Retry-After': '1',
  });
}
