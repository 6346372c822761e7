import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from './clientContext.js';

/** Keeps the drift reports and monitors current from `drift.changed`: saved, trashed, added or checked. */
export function useDriftChangesSync(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      client.subscribe('drift.changed', (change) => {
        const key = change.what === 'reports' ? 'drift.list' : 'drift.listMonitors';
        void queryClient.invalidateQueries({ queryKey: [key] });
      }),
    [client, queryClient],
  );
}
