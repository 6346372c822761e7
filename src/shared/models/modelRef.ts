import type { ModelRef } from '../contract/modelRegistry.js';
import { WorkbenchError } from '../contract/errors.js';

const REGISTRY_REF = /^([a-z0-9][a-z0-9._-]{0,63})(?:@(\d{1,7}|latest))?$/;

/**
 * Reads a model reference as a user types it: `churn` (the latest version), `churn@2`,
 * `churn@latest`, or a path to a file. Anything holding a slash, starting with `.` or `~`, or ending
 * in `.onnx` is a path, so `./churn@2.onnx` and `churn@2.onnx` are files while `churn@2` is not.
 */
export function parseModelRef(text: string): ModelRef {
  const trimmed = text.trim();
  if (isPathLike(trimmed)) return { kind: 'path', path: trimmed };
  const match = REGISTRY_REF.exec(trimmed);
  if (match?.[1] !== undefined && !match[1].endsWith('.onnx')) {
    const version = match[2];
    return {
      kind: 'registry',
      name: match[1],
      ...(version === undefined || version === 'latest' ? {} : { version: Number(version) }),
    };
  }
  throw new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `"${text}" is neither a registered model (name or name@version) nor a path to an .onnx file.`,
    hint: 'Model names are lowercase (see `mlw model list`); write a file as ./name or with its .onnx extension.',
  });
}

export function isPathLike(text: string): boolean {
  return /[\\/]/.test(text) || /^[.~]/.test(text) || /\.onnx$/i.test(text);
}

/** How a reference reads back: `churn@2`, `churn` (latest), or the path. */
export function formatModelRef(ref: ModelRef): string {
  if (ref.kind === 'registry') return ref.version === undefined ? ref.name : `${ref.name}@${ref.version}`;
  return ref.kind === 'path' ? ref.path : `upload ${ref.uploadId}`;
}
