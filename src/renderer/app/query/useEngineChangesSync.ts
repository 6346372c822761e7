import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from './clientContext.js';

/**
 * Keeps the Containers screen and the status bar current from Docker's own event stream
 * (`containers.changed`, already debounced by the main process): a container started, stopped,
 * died or changed health, or an image was built, pulled or removed.
 */
export function useEngineChangesSync(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      client.subscribe('containers.changed', (change) => {
        void queryClient.invalidateQueries({ queryKey: ['containers.engine'] });
        if (change.kind === 'container') void queryClient.invalidateQueries({ queryKey: ['containers.ps'] });
        // A removed image is a build that can no longer run.
        else void queryClient.invalidateQueries({ queryKey: ['containers.listBuilds'] });
      }),
    [client, queryClient],
  );
}
