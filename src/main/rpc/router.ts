import { z } from 'zod';
import {
  contract,
  isProcedureName,
  isStreamName,
  streams,
  WorkbenchError,
  isWorkbenchError,
  type Contract,
  type ProcedureName,
  type ProcedureOutput,
  type ResultEnvelope,
  type StreamName,
  type StreamPayload,
  type Streams,
  type WorkbenchErrorShape,
} from '../../shared/contract/index.js';
import type { CallerContext } from './caller.js';

export type Handlers = {
  [K in ProcedureName]: (
    input: z.output<Contract[K]['input']>,
    caller: CallerContext,
  ) => Promise<ProcedureOutput<Contract[K]>> | ProcedureOutput<Contract[K]>;
};

export type StreamSources = {
  [K in StreamName]: (listener: (payload: StreamPayload<Streams[K]>) => void) => () => void;
};

export interface Router {
  /** Validates the name and input, runs the handler, validates its output, never throws. */
  invoke(name: unknown, input: unknown, caller: CallerContext): Promise<ResultEnvelope>;
  /** Subscribes to a contract stream; throws NOT_FOUND for a name the contract does not declare. */
  subscribe(stream: unknown, listener: (payload: unknown) => void): () => void;
}

export interface RouterOptions {
  handlers: Handlers;
  streams: StreamSources;
  /** Bug-indicating errors (with stacks) go here, never to the caller. */
  onInternalError?: (error: unknown, procedure: string) => void;
}

export function createRouter({ handlers, streams: sources, onInternalError }: RouterOptions): Router {
  return {
    async invoke(name, input, caller) {
      try {
        if (!isProcedureName(name)) {
          throw new WorkbenchError({
            code: 'NOT_FOUND',
            message: `There is no procedure named ${JSON.stringify(name)}.`,
            hint: 'The window and the app may be from different versions; reload the window.',
          });
        }
        const definition = contract[name];
        const parsed = definition.input.safeParse(input ?? {});
        if (!parsed.success) throw invalidInput(name, parsed.error);
        const handler = handlers[name] as (input: unknown, caller: CallerContext) => unknown;
        const value: unknown = await handler(parsed.data, caller);
        const checked = definition.output.safeParse(value);
        if (!checked.success) {
          throw new Error(
            `${name} returned output that breaks its contract: ${z.prettifyError(checked.error)}`,
          );
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        return { ok: false, error: toErrorShape(error, String(name), onInternalError) };
      }
    },
    subscribe(stream, listener) {
      if (!isStreamName(stream)) {
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `There is no event stream named ${JSON.stringify(stream)}.`,
        });
      }
      const schema = streams[stream].payload;
      const source = sources[stream] as (listener: (payload: unknown) => void) => () => void;
      return source((payload) => {
        const checked = schema.safeParse(payload);
        if (checked.success) listener(checked.data);
        else
          onInternalError?.(
            new Error(`Event ${stream} breaks its contract: ${checked.error.message}`),
            stream,
          );
      });
    },
  };
}

function invalidInput(name: string, error: z.ZodError): WorkbenchError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `Invalid input for ${name}${where}: ${issue?.message ?? 'does not match the contract'}.`,
    details: { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
  });
}

function toErrorShape(
  error: unknown,
  procedure: string,
  onInternalError: RouterOptions['onInternalError'],
): WorkbenchErrorShape {
  if (isWorkbenchError(error)) return error.toShape();
  onInternalError?.(error, procedure);
  return {
    code: 'INTERNAL',
    message: `${procedure} failed unexpectedly.`,
    hint: 'This is a bug in the workbench; the app log has the details.',
  };
}
