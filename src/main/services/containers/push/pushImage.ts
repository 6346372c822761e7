import type Dockerode from 'dockerode';
import type { RegistryCredentials } from '../../../../shared/contract/containerShip.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { redactUrlsIn } from '../../../../shared/format/redactUrl.js';
import { engineError, throwIfAborted } from '../engineErrors.js';
import { followProgress, layerProgress } from '../imageBuild.js';

export interface PushImageOptions {
  /** The image to push: an id or a local tag. */
  source: string;
  /** registry/repository:tag, which the image is tagged as first. */
  target: { repository: string; tag: string; registry: string };
  credentials?: RegistryCredentials | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number, line: string) => void;
}

const REFUSED =
  /unauthorized|authentication required|denied|\b401\b|no basic auth credentials|incorrect username or password/i;
/** Go's error for a TLS client that met a plain HTTP server (Podman, or Docker with a non-loopback registry). */
const PLAIN_HTTP = /server gave HTTP response to HTTPS client/;
const UNREACHABLE =
  /connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|connection reset|server gave HTTP response to HTTPS client|TLS handshake|x509/i;

/**
 * Tags the image as the target and pushes it, reporting the bytes of its layers. The registry's
 * refusals become UNAUTHORIZED, a registry the engine cannot reach one DOCKER_FAILED naming it.
 * The credentials go to the engine in the request's X-Registry-Auth header and nowhere else.
 */
export async function pushImage(
  docker: Dockerode,
  endpoint: string,
  options: PushImageOptions,
): Promise<{ digest: string | null }> {
  const { source, target, credentials, signal, onProgress } = options;
  const reference = `${target.repository}:${target.tag}`;
  throwIfAborted(signal, `push ${reference}`);
  try {
    await docker.getImage(source).tag({ repo: target.repository, tag: target.tag });
  } catch (error) {
    throw engineError(endpoint, error, `tag ${source} as ${reference}`, signal);
  }
  const track = layerProgress(onProgress);
  let failure: string | undefined;
  let digest: string | null = null;
  try {
    const stream = await docker.getImage(target.repository).push({
      tag: target.tag,
      abortSignal: signal,
      ...(credentials
        ? {
            authconfig: {
              username: credentials.username,
              password: credentials.password,
              serveraddress: target.registry,
            },
          }
        : {}),
    });
    await followProgress(docker, stream, signal, (message) => {
      if (message.error) failure = message.error;
      if (message.aux?.Digest) digest = message.aux.Digest;
      track(message);
    });
  } catch (error) {
    const mapped = engineError(endpoint, error, `push ${reference}`, signal);
    if (mapped.code !== 'DOCKER_FAILED') throw mapped;
    failure = mapped.message;
  }
  if (failure !== undefined)
    throw pushFailure(reference, target.registry, failure, credentials !== undefined);
  return { digest };
}

export function pushFailure(
  reference: string,
  registry: string,
  reason: string,
  hadCredentials: boolean,
): WorkbenchError {
  const said = redactUrlsIn(reason.trim());
  if (REFUSED.test(said))
    return new WorkbenchError({
      code: 'UNAUTHORIZED',
      message: `The registry ${registry} refused to let ${reference} be pushed: ${said}`,
      hint: hadCredentials
        ? 'Check the username and password (or token) and that they may push to this repository.'
        : `Log in: pass --username and --password-stdin (add --remember to keep them), or run docker login ${registry}.`,
      details: { registry, reference },
    });
  if (UNREACHABLE.test(said))
    return new WorkbenchError({
      code: 'DOCKER_FAILED',
      message: `The registry ${registry} is not reachable from the Docker engine, so ${reference} was not pushed: ${said}`,
      hint: PLAIN_HTTP.test(said)
        ? "The registry speaks plain HTTP: add it to the engine's insecure registries (Docker: insecure-registries in daemon.json; Podman: a [[registry]] with insecure = true in registries.conf, as Podman does not exempt 127.0.0.1 the way Docker does)."
        : "Check the registry address and that it is up; a registry over plain HTTP must be among the engine's insecure registries.",
      details: { registry, reference },
    });
  return new WorkbenchError({
    code: 'DOCKER_FAILED',
    message: `Pushing ${reference} to ${registry} failed: ${said}`,
    details: { registry, reference },
  });
}
