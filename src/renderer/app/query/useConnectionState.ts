import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../lib/transport.js';
import { useClient } from './clientContext.js';

export function useConnectionState(): ConnectionState {
  const client = useClient();
  return useSyncExternalStore(
    (onChange) => client.onConnectionChange(onChange),
    () => client.connectionState(),
  );
}
