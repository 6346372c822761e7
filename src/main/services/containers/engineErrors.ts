import { WorkbenchError, cancelledError, isWorkbenchError } from '../../../shared/contract/errors.js';
import { redactUrlsIn } from '../../../shared/format/redactUrl.js';

/**
 * Socket and network failures that mean "no engine there": the socket file is missing (ENOENT), nothing
 * listens (ECONNREFUSED), we may not open it (EACCES), or the host is gone or never answers.
 */
const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EACCES',
  'EPERM',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EPERM']);

export function unreachableError(endpoint: string, error: unknown): WorkbenchError {
  const reason = redactUrlsIn(error instanceof Error ? error.message : String(error));
  const permission = /EACCES|permission denied/i.test(reason);
  return new WorkbenchError(
    {
      code: 'DOCKER_UNREACHABLE',
      message: `The Docker engine at ${endpoint} is not reachable (${reason}).`,
      hint: permission
        ? 'Your user may not access the Docker socket: add it to the docker group, or point the workbench at another engine.'
        : 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST to a reachable engine.',
      details: { endpoint },
    },
    { cause: error },
  );
}

/**
 * The one mapping from what dockerode throws to what crosses the boundary: a cancellation stays
 * CANCELLED, an engine that is not there is DOCKER_UNREACHABLE, and an engine that answered with an
 * error is DOCKER_FAILED carrying the engine's own message (dockerode keeps it in `json.message`).
 */
export function engineError(
  endpoint: string,
  error: unknown,
  action: string,
  signal: AbortSignal | undefined,
): WorkbenchError {
  if (isWorkbenchError(error)) return error;
  if (signal?.aborted || isAbortError(error)) return cancelledError(sentenceCase(action));
  if (isUnreachable(error)) return unreachableError(endpoint, error);
  const statusCode = field(error, 'statusCode');
  const message = engineMessage(error);
  const hint = engineHint(message);
  return new WorkbenchError(
    {
      code: 'DOCKER_FAILED',
      message: `Docker could not ${action}: ${message}`,
      ...(hint ? { hint } : {}),
      details: { endpoint, ...(typeof statusCode === 'number' ? { statusCode } : {}) },
    },
    { cause: error },
  );
}

/**
 * What to do about an engine's refusal that names its own set-up rather than our request: both
 * come from Podman, whose Docker API adds to a container what the host must provide.
 */
export function engineHint(message: string): string | undefined {
  // Deployments run with --init. Podman 4.3's Docker API looks for the init binary at
  // /usr/libexec/podman/catatonit or the [engine] init_path, not the [containers] one its CLI reads.
  if (/container-init binary not found/i.test(message))
    return 'Podman runs --init containers with catatonit: install it (apt-get install catatonit, dnf install catatonit), or set init_path in the [engine] section of containers.conf to an init such as /usr/bin/tini, then restart the Podman service.';
  // Rootful Podman raises nofile and nproc to its own defaults, which a host inside a container may forbid.
  if (/error setting rlimits?.*operation not permitted/i.test(message))
    return "Podman gives containers default ulimits this host does not allow: set default_ulimits in containers.conf's [containers] section to at most `ulimit -Hn` open files and Podman's own process limit, then restart the Podman service.";
  return undefined;
}

export function throwIfAborted(signal: AbortSignal | undefined, action: string): void {
  if (signal?.aborted) throw cancelledError(sentenceCase(action));
}

/** Only a socket's own failure counts: a file the build context could not read is ENOENT too. */
function isUnreachable(error: unknown): boolean {
  const code = field(error, 'code');
  if (typeof code !== 'string' || !UNREACHABLE_CODES.has(code) || field(error, 'statusCode') !== undefined)
    return false;
  return !FILE_CODES.has(code) || field(error, 'syscall') === 'connect';
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || field(error, 'code') === 'ABORT_ERR');
}

function engineMessage(error: unknown): string {
  const json = field(error, 'json');
  const fromEngine = typeof json === 'object' && json !== null ? field(json, 'message') : json;
  if (typeof fromEngine === 'string' && fromEngine.trim()) return redactUrlsIn(fromEngine.trim());
  return redactUrlsIn(error instanceof Error ? error.message.trim() : String(error));
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** "build mlw/x:1" → "Build mlw/x:1", so cancelledError reads "Build mlw/x:1 was cancelled." */
function sentenceCase(action: string): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}
