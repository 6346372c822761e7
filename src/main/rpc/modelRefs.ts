import type { ModelRef } from '../../shared/contract/modelRegistry.js';
import type { ModelRegistry } from '../services/models/index.js';
import type { TrustedSource } from '../services/workspace/index.js';
import type { CallerContext } from './caller.js';

/**
 * The one place a model reference becomes a file: a registry entry is looked up by name and version
 * (the latest without one); a path or upload goes through the caller's own rules (a window: the
 * workspace, its uploads and granted picks only; the CLI: any path).
 */
export async function resolveModelRef(
  ref: ModelRef,
  caller: CallerContext,
  registry: Pick<ModelRegistry, 'resolve'>,
): Promise<TrustedSource> {
  if (ref.kind !== 'registry') return caller.resolveSource(ref);
  const { path, card } = await registry.resolve(ref.name, ref.version);
  return { path, label: `${card.name}@${card.version}`, temporary: false };
}
