import { useEffect } from 'react';

export type AppState = 'loading' | 'ready' | 'error';

/** Tests and the hosts wait for `data-app-state="ready"` on <body> before they touch the window. */
export function useAppStateMarker(state: AppState): void {
  useEffect(() => {
    document.body.dataset.appState = state;
  }, [state]);
}
