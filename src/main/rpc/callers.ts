import { isAbsolute, resolve } from 'node:path';
import type { ImportSource } from '../../shared/contract/datasets.js';
import type { UploadStore, Workspace } from '../services/workspace/index.js';
import type { CallerContext } from './caller.js';

/** The user's own shell: any path they name is theirs to read. */
export function cliCaller(uploads: UploadStore, cwd = process.cwd()): CallerContext {
  return {
    host: 'cli',
    resolveSource: (source) =>
      source.kind === 'upload' ? uploads.open(source.uploadId) : Promise.resolve(userPath(source.path, cwd)),
  };
}

/**
 * A window (browser or Electron renderer) is less trusted than the shell: it may name uploads and
 * paths inside the workspace, plus paths the host itself granted after a user's pick or drop.
 */
export function windowCaller(
  host: 'electron' | 'browser',
  workspace: Workspace,
  uploads: UploadStore,
  isGranted: (path: string) => boolean = () => false,
): CallerContext {
  return {
    host,
    async resolveSource(source: ImportSource) {
      if (source.kind === 'upload') return uploads.open(source.uploadId);
      if (isAbsolute(source.path) && isGranted(source.path)) return userPath(source.path, '/');
      return { path: await workspace.resolveReal(source.path), label: source.path, temporary: false };
    },
  };
}

function userPath(path: string, cwd: string) {
  const absolute = resolve(cwd, path);
  return { path: absolute, label: absolute, temporary: false };
}
