import { QueryClient } from '@tanstack/react-query';
import { isConnectionError } from '../../lib/connectionErrors.js';

/**
 * Freshness comes from `jobs.updated` events, not from focus or timers, so nothing refetches on its
 * own; only lost connections are retried, since the host's other errors would only repeat.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        retry: (failureCount, error) => isConnectionError(error) && failureCount < 3,
      },
      mutations: { retry: false },
    },
  });
}
