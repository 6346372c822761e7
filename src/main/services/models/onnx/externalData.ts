import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { cancelledError } from '../../../../shared/contract/errors.js';
import { tensorsOf } from './graphWalk.js';
import type { ExternalData, OnnxModel } from './model.js';

/**
 * Resolves every external-data reference of a model against the model's folder and records what was
 * found (path, file size, problem) on the tensor; checkModel reports the problems. A location may not
 * leave the folder, neither by `..`, an absolute path, nor a symbolic link: a model file must not make
 * the app read arbitrary files. Each file is looked at once, however many tensors share it.
 */
export async function resolveExternalData(model: OnnxModel, signal?: AbortSignal): Promise<void> {
  const folder = dirname(model.path);
  const realFolder = await realpath(folder).catch(() => resolve(folder));
  const files = new Map<string, Promise<FileFacts>>();
  for (const tensor of tensorsOf(model.graph)) {
    const external = tensor.external;
    if (!external || external.problem) continue;
    if (signal?.aborted) throw cancelledError(`Reading ${model.path}`);
    if (leavesFolder(external.location)) {
      external.problem = 'outside-model-folder';
      continue;
    }
    const path = resolve(folder, external.location);
    let facts = files.get(path);
    if (!facts) {
      facts = factsOf(path, realFolder);
      files.set(path, facts);
    }
    record(external, path, await facts);
  }
}

type FileFacts = { bytes: number } | { problem: 'missing' | 'not-a-file' | 'outside-model-folder' };

function leavesFolder(location: string): boolean {
  return (
    isAbsolute(location) ||
    /^[a-zA-Z]:|^[\\/]/.test(location) ||
    location.split(/[\\/]/).some((part) => part === '..')
  );
}

async function factsOf(path: string, realFolder: string): Promise<FileFacts> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { problem: 'missing' };
  }
  if (!real.startsWith(realFolder + sep)) return { problem: 'outside-model-folder' };
  const info = await stat(real);
  return info.isFile() ? { bytes: info.size } : { problem: 'not-a-file' };
}

function record(external: ExternalData, path: string, facts: FileFacts): void {
  if ('problem' in facts) {
    external.problem = facts.problem;
    if (facts.problem !== 'outside-model-folder') external.path = path;
    return;
  }
  external.path = path;
  external.fileBytes = facts.bytes;
  if (external.offset + (external.length ?? 0) > facts.bytes) external.problem = 'short';
}
