import { useCall } from '../../../app/query/useCall.js';
import type { ModelTarget } from './modelItem.js';

/** `models.get` for a registered target (its card, summary, findings); idle for a file opened by path. */
export function useRegisteredModel(target: ModelTarget) {
  const registered = target.kind === 'registry';
  return useCall(
    'models.get',
    registered
      ? { name: target.name, ...(target.version === undefined ? {} : { version: target.version }) }
      : { name: '-' },
    { enabled: registered, staleTime: 30_000 },
  );
}
