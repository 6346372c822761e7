import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from './clientContext.js';

/** Keeps the drift reports list current from `drift.changed`: a report was saved or moved to the trash. */
export function useDriftChangesSync(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      client.subscribe('drift.changed', (change) => {
        if (change.what === 'reports') void queryClient.invalidateQueries({ queryKey: ['drift.list'] });
      }),
    [client, queryClient],
  );
}
