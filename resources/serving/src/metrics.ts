import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type InferenceErrorKind = 'invalid_input' | 'runtime' | 'timeout' | 'unavailable';

export interface ServerMetrics {
  readonly registry: Registry;
  /** The text exposition format (registry.contentType). */
  exposition(): Promise<string>;
  request(route: string, method: string, status: number, seconds: number): void;
  inflight(delta: 1 | -1): void;
  inference(route: string, seconds: number): void;
  inferenceError(route: string, kind: InferenceErrorKind): void;
  captureWritten(lines: number): void;
  captureDropped(lines: number): void;
  modelLoaded(labels: { name: string; version: string; sha256: string }): void;
}

/**
 * The server's Prometheus metrics, in a registry of its own (so two servers in one test process
 * never share counts). Routes are labelled by template, never by the raw path, which a client
 * could use to mint unbounded label values.
 */
export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'mlw_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mlw_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by route template.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const inflight = new Gauge({
    name: 'mlw_http_requests_in_flight',
    help: 'Requests being served now.',
    registers: [registry],
  });
  const inference = new Histogram({
    name: 'mlw_inference_duration_seconds',
    help: "ONNX Runtime's own time for one run of the model, by route template.",
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inferenceErrors = new Counter({
    name: 'mlw_inference_errors_total',
    help: 'Inference requests that failed: invalid_input (4xx), runtime (ONNX Runtime failed), timeout, or unavailable (the model still loading).',
    labelNames: ['route', 'kind'] as const,
    registers: [registry],
  });
  const captureWritten = new Counter({
    name: 'mlw_capture_written_total',
    help: 'Capture lines (one per row) appended to CAPTURE_DIR.',
    registers: [registry],
  });
  const captureDropped = new Counter({
    name: 'mlw_capture_dropped_total',
    help: 'Capture lines dropped because the queue was full or the write failed.',
    registers: [registry],
  });
  const model = new Gauge({
    name: 'mlw_model_info',
    help: 'The model being served (always 1).',
    labelNames: ['name', 'version', 'sha256'] as const,
    registers: [registry],
  });
  return {
    registry,
    // prom-client writes NaN as "Nan" (its util.getValueAsString); the format says "NaN". Prometheus
    // itself reads either, stricter parsers only the latter.
    exposition: async () => (await registry.metrics()).replace(/ Nan$/gm, ' NaN'),
    request: (route, method, status, seconds) => {
      requests.inc({ route, method, status: String(status) });
      duration.observe({ route }, seconds);
    },
    inflight: (delta) => inflight.inc(delta),
    inference: (route, seconds) => inference.observe({ route }, seconds),
    inferenceError: (route, kind) => inferenceErrors.inc({ route, kind }),
    captureWritten: (lines) => captureWritten.inc(lines),
    captureDropped: (lines) => captureDropped.inc(lines),
    modelLoaded: (labels) => model.set(labels, 1),
  };
}
