import { isAbsolute, relative, resolve, sep } from 'node:path';
import { WorkbenchError } from '../../../shared/contract/errors.js';

/**
 * Resolves `candidate` against `root` and refuses anything that escapes it (`..`, absolute paths
 * elsewhere). Symlinks are checked by callers that open the file (see `realPathInside`).
 */
export function confinePath(root: string, candidate: string): string {
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, candidate);
  if (!isInside(absoluteRoot, target)) {
    throw new WorkbenchError({
      code: 'PATH_OUTSIDE_WORKSPACE',
      message: `The path "${candidate}" is outside the workspace.`,
      hint: `Use a path inside ${absoluteRoot}, or import the file so the workbench copies it in.`,
    });
  }
  return target;
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
