import { basename } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** MODEL_INVALID for a file whose bytes are not what they should be. */
export function invalidFile(path: string, message: string, hint: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError(
    { code: 'MODEL_INVALID', message: `${basename(path)} ${message}`, hint, details: { path } },
    { cause },
  );
}
