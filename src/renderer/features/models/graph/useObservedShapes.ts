import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModelRef } from '../../../../shared/contract/modelRegistry.js';
import type { ObservedShapes } from '../../../../shared/contract/modelShapes.js';

/**
 * The last shapes observed for a model, kept in the query cache rather than in the Graph tab, so
 * they survive switching tabs (the tab unmounts) and come back with the model.
 */
export function useObservedShapes(
  model: ModelRef,
): [ObservedShapes | null, (next: ObservedShapes | null) => void] {
  const queryClient = useQueryClient();
  const queryKey = ['models.observedShapes', model] as const;
  const { data } = useQuery<ObservedShapes | null>({
    queryKey,
    // Nothing to fetch: a refetch (every query is invalidated on reconnecting) keeps what is there.
    queryFn: () => queryClient.getQueryData<ObservedShapes | null>(queryKey) ?? null,
    initialData: null,
    staleTime: Infinity,
  });
  return [data, (next) => queryClient.setQueryData(queryKey, next)];
}
