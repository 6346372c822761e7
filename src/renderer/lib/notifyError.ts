import { notifications } from '@mantine/notifications';
import { describeError } from './describeError.js';

/** A failed action that has no place of its own on screen: a red notification with what to do. */
export function notifyError(error: unknown): void {
  const { message, hint } = describeError(error);
  notifications.show({ color: 'red', title: message, message: hint ?? '' });
}
