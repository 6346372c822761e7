import type { DockerOptions } from 'dockerode';

export interface DockerEndpoint {
  /** What the user sees, e.g. unix:///var/run/docker.sock or tcp://10.0.0.5:2375. */
  readonly display: string;
  readonly options: DockerOptions;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Where the engine is: an explicit setting first, then DOCKER_HOST (as the docker CLI does), then the
 * local socket. A remote tcp:// or ssh:// engine is as valid as the local one.
 */
export function resolveDockerEndpoint(setting: string | undefined, env: NodeJS.ProcessEnv): DockerEndpoint {
  const raw = setting?.trim() || env.DOCKER_HOST?.trim() || `unix://${DEFAULT_SOCKET}`;
  if (raw.startsWith('unix://'))
    return { display: raw, options: { socketPath: raw.slice('unix://'.length) } };
  if (raw.startsWith('npipe://'))
    return { display: raw, options: { socketPath: raw.slice('npipe://'.length) } };
  if (raw.startsWith('/')) return { display: `unix://${raw}`, options: { socketPath: raw } };
  const url = new URL(raw.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? 'https:' : 'http:'));
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
