import type { DockerOptions } from 'dockerode';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { redactUrl } from '../../../shared/format/redactUrl.js';

export interface DockerEndpoint {
  /**
   * What the user sees, e.g. unix:///var/run/docker.sock or tcp://10.0.0.5:2375, with any password
   * in it redacted: this is what status, errors, JSON and logs carry, never the setting itself.
   */
  readonly display: string;
  readonly options: DockerOptions;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Where the engine is: an explicit setting first, then DOCKER_HOST (as the docker CLI does), then the
 * local socket. A remote tcp:// or ssh:// engine is as valid as the local one.
 */
export function resolveDockerEndpoint(setting: string | undefined, env: NodeJS.ProcessEnv): DockerEndpoint {
  const raw = dockerHostSetting(setting, env);
  const resolved = endpointOptions(raw, env);
  return { display: redactUrl(resolved.display), options: resolved.options };
}

/** The address in force, as written: the setting, else DOCKER_HOST, else the local socket. */
export function dockerHostSetting(setting: string | undefined, env: NodeJS.ProcessEnv): string {
  return setting?.trim() || env.DOCKER_HOST?.trim() || `unix://${DEFAULT_SOCKET}`;
}

function endpointOptions(raw: string, env: NodeJS.ProcessEnv): DockerEndpoint {
  if (raw.startsWith('unix://'))
    return { display: raw, options: { socketPath: raw.slice('unix://'.length) } };
  if (raw.startsWith('npipe://'))
    return { display: raw, options: { socketPath: raw.slice('npipe://'.length) } };
  if (raw.startsWith('/')) return { display: `unix://${raw}`, options: { socketPath: raw } };
  let url: URL;
  try {
    url = new URL(raw.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? 'https:' : 'http:'));
  } catch {
    // URL's own error carries the input, password and all: say it ourselves, redacted.
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The Docker engine address "${redactUrl(raw)}" is not a URL.`,
      hint: 'Use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host (DOCKER_HOST or --docker-host).',
    });
  }
  if (url.protocol === 'ssh:') {
    return {
      display: raw,
      options: {
        protocol: 'ssh',
        host: url.hostname,
        port: Number(url.port || 22),
        username: url.username || undefined,
      },
    };
  }
  return {
    display: raw,
    options: {
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 2376 : 2375)),
    },
  };
}
