import type * as ort from 'onnxruntime-node';
import { captureRows } from './captureRows.js';
import type { RequestContext } from './router.js';
import { requireModel, type ServerState } from './state.js';

export type Feeds = Record<string, ort.Tensor>;
export type Outputs = Record<string, ort.Tensor>;

/** One run of the model, timed for Server-Timing and mlw_inference_duration_seconds. */
export async function infer(
  state: ServerState,
  context: RequestContext,
  feeds: Feeds,
  fetches: readonly string[],
): Promise<Outputs> {
  const model = requireModel(state);
  // A request past its timeout has had its 503: the rest of its runs would be for nobody.
  context.signal.throwIfAborted();
  const started = performance.now();
  const outputs = await context.timing.measure('infer', () => model.run(feeds, fetches));
  state.metrics.inference(context.route, (performance.now() - started) / 1000);
  return outputs;
}

/** Hands the request's runs to capture when it is in the sample; the rows are built later. */
export function offerCapture(
  state: ServerState,
  context: RequestContext,
  runs: readonly { feeds: Feeds; outputs: Outputs }[],
): void {
  if (context.signal.aborted || !state.capture.sample()) return;
  state.capture.offer({
    requestId: context.requestId,
    route: context.route,
    rows: () => runs.flatMap((run) => captureRows(run.feeds, run.outputs)),
  });
}
