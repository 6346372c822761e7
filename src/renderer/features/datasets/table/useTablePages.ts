import { useQueries, useQuery } from '@tanstack/react-query';
import type { TableFilter, TableRows, TableSort } from '../../../../shared/contract/tables.js';
import { useClient } from '../../../app/query/clientContext.js';
import type { WorkbenchClient } from '../../../lib/client.js';

export const PAGE_SIZE = 200;

export interface TableQueryState {
  slug: string;
  sort: TableSort[];
  filters: TableFilter[];
}

let nextQueryId = 0;

/**
 * Calls a table procedure under a fresh queryId and, when TanStack Query aborts the call (the
 * user changed the sort or filter, or scrolled the page away), interrupts it in DuckDB too: the
 * router has no per-call signal, so the window names the query it wants stopped.
 */
function cancellable<T>(
  client: WorkbenchClient,
  signal: AbortSignal,
  call: (queryId: string) => Promise<T>,
): Promise<T> {
  nextQueryId += 1;
  const queryId = `grid-${Date.now().toString(36)}-${nextQueryId}`;
  signal.addEventListener(
    'abort',
    () => void client.call('datasets.cancelQuery', { queryId }).catch(() => undefined),
    {
      once: true,
    },
  );
  return call(queryId);
}

/** The pages a window needs, each cached by sort, filters and offset; scrolled-away pages stay cached. */
export function useTablePages(state: TableQueryState, pages: number[]) {
  const client = useClient();
  return useQueries({
    queries: pages.map((page) => {
      const input = {
        slug: state.slug,
        sort: state.sort,
        filters: state.filters,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      };
      return {
        queryKey: ['datasets.rows', input] as const,
        queryFn: ({ signal }: { signal: AbortSignal }): Promise<TableRows> =>
          cancellable(client, signal, (queryId) => client.call('datasets.rows', { ...input, queryId })),
        // A data set never changes once imported.
        staleTime: Number.POSITIVE_INFINITY,
      };
    }),
  });
}

/** The filtered row count: a scan of the whole file, so it runs apart from the pages and shows a spinner. */
export function useFilteredCount(state: TableQueryState) {
  const client = useClient();
  const input = { slug: state.slug, filters: state.filters };
  return useQuery({
    queryKey: ['datasets.count', input] as const,
    queryFn: ({ signal }) =>
      cancellable(client, signal, (queryId) => client.call('datasets.count', { ...input, queryId })),
    enabled: state.filters.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
