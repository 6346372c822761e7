import { Loader } from '@mantine/core';
import { useConnectionState } from '../query/useConnectionState.js';
import classes from './StatusBar.module.css';

/** Only visible while the browser host's socket is being re-established. */
export function ConnectionItem() {
  const state = useConnectionState();
  if (state === 'open') return null;
  return (
    <span
      className={classes.item}
      style={{ color: 'var(--mantine-color-orange-text)' }}
      data-testid="connection-state"
    >
      <Loader size={10} color="orange" />
      {state === 'closed' ? 'Disconnected' : 'Reconnecting…'}
    </span>
  );
}
