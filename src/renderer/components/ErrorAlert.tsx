import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeError } from '../lib/describeError.js';
import classes from './ErrorAlert.module.css';

/** An error as the user needs it: what happened, then what to do (the hint). */
export function ErrorAlert(props: {
  error: unknown;
  title?: string;
  onClose?: () => void;
  children?: ReactNode;
}) {
  const { message, hint } = describeError(props.error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={props.title ?? message}
      withCloseButton={props.onClose !== undefined}
      onClose={props.onClose}
      closeButtonLabel="Dismiss"
      role="alert"
      classNames={{ root: classes.root, title: classes.title, message: classes.message }}
      data-testid="error-alert"
    >
      {props.title !== undefined && (
        <Text size="sm" className={classes.text}>
          {message}
        </Text>
      )}
      {hint && (
        <Text size="sm" mt={4} className={classes.hint} data-testid="error-hint">
          {hint}
        </Text>
      )}
      {props.children}
    </Alert>
  );
}
