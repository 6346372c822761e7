import { WorkbenchError } from '../../shared/contract/index.js';

/** Marks errors that mean "the host did not answer" rather than "the host said no". */
const CONNECTION_DETAIL = 'connection';

/** `reason`: what the host said when it closed the connection, if anything. */
export function connectionLostError(reason = ''): WorkbenchError {
  return new WorkbenchError({
    code: 'INTERNAL',
    message: `Lost the connection to the workbench host before it answered${reason ? ` (the host said: ${reason})` : ''}.`,
    hint: 'The window reconnects by itself. If it does not, check that the workbench is still running, then reload.',
    details: { [CONNECTION_DETAIL]: 'lost' },
  });
}

export function connectionUnavailableError(): WorkbenchError {
  return new WorkbenchError({
    code: 'INTERNAL',
    message: 'Cannot reach the workbench host.',
    hint: 'Check that the workbench is running, and open this window from the link it printed (the link carries the access token).',
    details: { [CONNECTION_DETAIL]: 'unavailable' },
  });
}

export function isConnectionError(error: unknown): boolean {
  return error instanceof WorkbenchError && error.details?.[CONNECTION_DETAIL] !== undefined;
}
