import type { ModelRef } from '../../shared/contract/modelRegistry.js';
import type { ModelRegistry } from '../services/models/index.js';
import { benchmarksDirFor, type BenchmarksFolder, type LabModel } from '../services/models/lab/index.js';
import type { CallerContext } from './caller.js';
import { resolveModelRef } from './modelRefs.js';

/**
 * A model reference as the lab takes it: its file, its name as the user wrote it (`name@version`
 * for a registry model), and for a registry model the folder its benchmarks are kept in.
 */
export async function labModel(
  ref: ModelRef,
  caller: CallerContext,
  registry: Pick<ModelRegistry, 'resolve'>,
): Promise<LabModel> {
  const source = await resolveModelRef(ref, caller, registry);
  if (ref.kind === 'registry')
    return { path: source.path, label: source.label, benchmarksDir: benchmarksDirFor(source.path) };
  return { path: source.path, label: ref.kind === 'path' ? ref.path : source.label };
}

/** The benchmarks folders of a registry version, or of every version of the model without one. */
export async function benchmarkFolders(
  registry: Pick<ModelRegistry, 'resolve' | 'list'>,
  name: string,
  version?: number,
): Promise<BenchmarksFolder[]> {
  const versions =
    version === undefined
      ? ((await registry.list())
          .find((model) => model.name === name)
          ?.versions.map((card) => card.version) ?? [(await registry.resolve(name)).card.version])
      : [version];
  return Promise.all(
    versions.map(async (v) => ({
      version: v,
      dir: benchmarksDirFor((await registry.resolve(name, v)).path),
    })),
  );
}
