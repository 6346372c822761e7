import { WorkbenchError, isWorkbenchError } from '../../../shared/contract/errors.js';
import type { WorkerReply } from '../workerHost/index.js';

/**
 * A failed request's reply: a WorkbenchError crosses whole; DuckDB's own errors cross as their
 * text, which callers parse (line and column of a syntax error, a conversion error's value).
 */
export function errorReply(id: number, error: unknown): WorkerReply {
  if (isWorkbenchError(error)) return { id, ok: false, error: error.toShape() };
  if (error instanceof Error) return { id, ok: false, engineError: error.message };
  return { id, ok: false, error: new WorkbenchError({ code: 'INTERNAL', message: String(error) }).toShape() };
}
