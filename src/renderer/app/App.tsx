import { LoadingState } from '../components/CenteredState.js';
import { useCall } from './query/useCall.js';
import { useDriftAlerts } from './query/useDriftAlerts.js';
import { useDriftChangesSync } from './query/useDriftChangesSync.js';
import { useEngineChangesSync } from './query/useEngineChangesSync.js';
import { useJobEventsSync } from './query/useJobEventsSync.js';
import { Shell } from './shell/Shell.js';
import { HostUnreachableScreen } from './startup/HostUnreachableScreen.js';
import { useAppStateMarker } from './startup/useAppStateMarker.js';

export function App() {
  useJobEventsSync();
  useEngineChangesSync();
  useDriftChangesSync();
  useDriftAlerts();
  const info = useCall('system.info', {}, { staleTime: Number.POSITIVE_INFINITY });
  // Once the host has answered, a later hiccup is the status bar's business, not a full-screen error.
  const state = info.data ? 'ready' : info.isError ? 'error' : 'loading';
  useAppStateMarker(state);

  if (info.data) return <Shell info={info.data} />;
  if (info.isError) {
    return (
      <HostUnreachableScreen
        error={info.error}
        retrying={info.isFetching}
        onRetry={() => void info.refetch()}
      />
    );
  }
  return <LoadingState label="Connecting to the workbench…" />;
}
