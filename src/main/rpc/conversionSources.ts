import { basename } from 'node:path';
import type { ConversionRequest } from '../../shared/contract/conversion.js';
import type { ModelRegistry } from '../services/models/index.js';
import type { ResolvedConversion } from '../services/conversion/index.js';
import type { CallerContext } from './caller.js';
import { resolveModelRef } from './modelRefs.js';

/** Every file a conversion request names, through the caller's own rules (a window: the workspace and its uploads). */
export async function resolveConversion(
  request: ConversionRequest,
  caller: CallerContext,
  registry: Pick<ModelRegistry, 'resolve'>,
): Promise<ResolvedConversion> {
  if (request.from === 'onnx') {
    const source = await resolveModelRef(request.model, caller, registry);
    const sourceModel =
      request.model.kind === 'registry'
        ? await registry.resolve(request.model.name, request.model.version).then(({ card }) => ({
            name: card.name,
            version: card.version,
          }))
        : null;
    return { request, sourcePath: source.path, sourceName: nameOf(source.label), sourceModel };
  }
  const source = await caller.resolveSource(request.source);
  const code =
    request.from === 'torch'
      ? request.torch.code
      : request.from === 'sklearn'
        ? request.sklearn.code
        : undefined;
  const parityData = request.from === 'sklearn' ? request.sklearn.parityData : undefined;
  return {
    request,
    sourcePath: source.path,
    sourceName: nameOf(source.label),
    ...(code ? { codePath: (await caller.resolveSource(code)).path } : {}),
    ...(parityData ? { parityDataPath: (await caller.resolveSource(parityData)).path } : {}),
  };
}

function nameOf(label: string): string {
  return basename(label.replace(/@\d+$/, '.onnx'));
}
