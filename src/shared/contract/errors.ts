import { z } from 'zod';

/**
 * Error codes that cross the host boundary. `expected` codes are user-facing (engine down, bad file);
 * INTERNAL marks a bug; CANCELLED is the user's own doing and is never shown as a failure.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PATH_OUTSIDE_WORKSPACE',
  'WORKSPACE_INVALID',
  'DATASET_PARSE',
  'DATASET_EMPTY',
  'DISK_FULL',
  'DOCKER_UNREACHABLE',
  'DOCKER_FAILED',
  'MODEL_INVALID',
  'MODEL_CRASHED',
  'DATA_ENGINE_CRASHED',
  'MODEL_OUT_OF_MEMORY',
  'MODEL_RUN_FAILED',
  'TENSOR_SHAPE',
  'UNAUTHORIZED',
  'CANCELLED',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const workbenchErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WorkbenchErrorShape = z.infer<typeof workbenchErrorSchema>;

/** The one error type every layer throws and every host rebuilds on its side of the boundary. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(shape: WorkbenchErrorShape, options?: { cause?: unknown }) {
    super(shape.message, options);
    this.name = 'WorkbenchError';
    this.code = shape.code;
    this.hint = shape.hint;
    this.details = shape.details;
  }

  toShape(): WorkbenchErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function isWorkbenchError(value: unknown): value is WorkbenchError {
  return value instanceof WorkbenchError;
}

export function isCancellation(value: unknown): boolean {
  return isWorkbenchError(value) && value.code === 'CANCELLED';
}

export function cancelledError(what = 'The operation'): WorkbenchError {
  return new WorkbenchError({ code: 'CANCELLED', message: `${what} was cancelled.` });
}
