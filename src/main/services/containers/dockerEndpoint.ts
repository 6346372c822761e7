import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { redactUrl } from '../../../shared/format/redactUrl.js';

/** Where the address in force came from, for the status bar to name it. */
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'podman' | 'default';

export interface DockerEndpoint {
  /**
   * What the user sees, e.g. unix:///var/run/docker.sock or tcp://10.0.0.5:2375, with any password
   * in it redacted: this is what status, errors, JSON and logs carry, never the setting itself.
   */
  readonly display: string;
  readonly options: DockerOptions;
  readonly source?: EndpointSource;
  /** The Docker context it came from (`docker context use NAME`), when it came from one. */
  readonly context?: string;
  /**
   * For ssh://: where to log in. The client then talks HTTP through an ssh agent (see
   * ssh/sshDockerAgent.ts) that the options do not carry, so that ssh2 loads only when used.
   */
  readonly ssh?: SshAddress;
}

/** An ssh:// address as written; ~/.ssh/config may make another host, port and user of it (see ssh/sshConfig.ts). */
export interface SshAddress {
  /** A host name, an address, or an alias of ~/.ssh/config. */
  readonly host: string;
  /** undefined: ~/.ssh/config's Port, else 22, as `ssh` does. */
  readonly port: number | undefined;
  /** undefined: ~/.ssh/config's User, else the local user's name, as `ssh` does. */
  readonly username: string | undefined;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

interface ResolvedSetting {
  address: string;
  source: EndpointSource;
  context?: string;
  /** A context's or DOCKER_CERT_PATH's folder holding ca.pem, cert.pem and key.pem. */
  tlsFolder?: string;
}

const dockerConfigDir = (env: NodeJS.ProcessEnv): string =>
  env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');

/**
 * The engine of a Docker context, read as the docker CLI stores it: contexts/meta/<sha256 of the
 * name>/meta.json holds its address, contexts/tls/<same>/docker/ its certificates.
 */
function contextSetting(name: string, env: NodeJS.ProcessEnv): ResolvedSetting | undefined {
  if (name === 'default') return undefined;
  const config = dockerConfigDir(env);
  const id = createHash('sha256').update(name).digest('hex');
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(readFileSync(join(config, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as typeof meta;
  } catch {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The Docker context "${name}" is not defined in ${config}.`,
      hint: 'List contexts with `docker context ls`, or unset DOCKER_CONTEXT.',
    });
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== 'string') return undefined;
  const tls = join(config, 'contexts', 'tls', id, 'docker');
  return {
    address: host,
    source: 'context',
    context: name,
    ...(existsSync(join(tls, 'ca.pem')) ? { tlsFolder: tls } : {}),
  };
}

/** The current context of the user's docker CLI: DOCKER_CONTEXT, else config.json's currentContext. */
function currentContext(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_CONTEXT?.trim()) return env.DOCKER_CONTEXT.trim();
  try {
    const config = JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as {
      currentContext?: unknown;
    };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/** Podman's Docker-compatible sockets, rootless first, for machines that run Podman and no Docker. */
function podmanSocket(env: NodeJS.ProcessEnv, exists: (path: string) => boolean): string | undefined {
  const candidates = [
    ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : []),
    '/run/podman/podman.sock',
  ];
  return candidates.find(exists);
}

/**
 * The address in force and where it came from, in the docker CLI's order: the setting
 * (--docker-host), DOCKER_HOST, the current context, the local socket, and Podman's socket where
 * there is no Docker socket.
 */
export function resolveSetting(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean = existsSync,
): ResolvedSetting {
  if (setting?.trim()) return { address: setting.trim(), source: 'setting' };
  if (env.DOCKER_HOST?.trim())
    return {
      address: env.DOCKER_HOST.trim(),
      source: 'DOCKER_HOST',
      // As the docker CLI: DOCKER_TLS_VERIFY turns TLS on, with certificates from DOCKER_CERT_PATH or ~/.docker.
      ...(env.DOCKER_TLS_VERIFY ? { tlsFolder: env.DOCKER_CERT_PATH ?? dockerConfigDir(env) } : {}),
    };
  const context = currentContext(env);
  const fromContext = context ? contextSetting(context, env) : undefined;
  if (fromContext) return fromContext;
  if (!exists(DEFAULT_SOCKET)) {
    const podman = podmanSocket(env, exists);
    if (podman) return { address: `unix://${podman}`, source: 'podman' };
  }
  return { address: `unix://${DEFAULT_SOCKET}`, source: 'default' };
}

/**
 * Where the engine is: an explicit setting first, then DOCKER_HOST (as the docker CLI does), then the
 * local socket. A remote tcp:// or ssh:// engine is as valid as the local one.
 */
export function resolveDockerEndpoint(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean = existsSync,
): DockerEndpoint {
  const resolved = resolveSetting(setting, env, exists);
  const endpoint = endpointOptions(resolved.address, resolved.tlsFolder !== undefined);
  return {
    display: redactUrl(endpoint.display),
    options: { ...endpoint.options, ...(resolved.tlsFolder ? tlsFiles(resolved.tlsFolder) : {}) },
    source: resolved.source,
    ...(resolved.context ? { context: resolved.context } : {}),
    ...(endpoint.ssh ? { ssh: endpoint.ssh } : {}),
  };
}

/** The address in force, as written (see resolveSetting). */
export function dockerHostSetting(setting: string | undefined, env: NodeJS.ProcessEnv): string {
  try {
    return resolveSetting(setting, env).address;
  } catch {
    return setting?.trim() || env.DOCKER_HOST?.trim() || `unix://${DEFAULT_SOCKET}`;
  }
}

/** The client certificate and the CA of a TLS engine (`docker --tlsverify`), read once at start. */
function tlsFiles(folder: string): Pick<DockerOptions, 'ca' | 'cert' | 'key'> {
  try {
    return {
      ca: readFileSync(join(folder, 'ca.pem')),
      cert: readFileSync(join(folder, 'cert.pem')),
      key: readFileSync(join(folder, 'key.pem')),
    };
  } catch (error) {
    throw new WorkbenchError(
      {
        code: 'INVALID_INPUT',
        message: `The TLS certificates for the Docker engine cannot be read from ${folder} (ca.pem, cert.pem, key.pem).`,
        hint: 'Point DOCKER_CERT_PATH at the folder holding them, or unset DOCKER_TLS_VERIFY.',
      },
      { cause: error },
    );
  }
}

function endpointOptions(
  raw: string,
  tls: boolean,
): { display: string; options: DockerOptions; ssh?: SshAddress } {
  if (raw.startsWith('unix://'))
    return { display: raw, options: { socketPath: raw.slice('unix://'.length) } };
  if (raw.startsWith('npipe://'))
    return { display: raw, options: { socketPath: raw.slice('npipe://'.length) } };
  if (raw.startsWith('/')) return { display: `unix://${raw}`, options: { socketPath: raw } };
  let url: URL;
  try {
    url = new URL(raw.replace(/^tcp:/, tls ? 'https:' : 'http:'));
  } catch {
    // URL's own error carries the input, password and all: say it ourselves, redacted.
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The Docker engine address "${redactUrl(raw)}" is not a URL.`,
      hint: 'Use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host (DOCKER_HOST or --docker-host).',
    });
  }
  if (url.protocol === 'ssh:') {
    if (url.password)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `The Docker engine address "${redactUrl(raw)}" holds a password; ssh engines log in with keys only.`,
        hint: 'Drop the password from the address and use ssh-agent or a key in ~/.ssh (as the docker CLI does).',
      });
    const ssh: SshAddress = {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : undefined,
      username: url.username ? decodeURIComponent(url.username) : undefined,
    };
    return { display: raw, options: { protocol: 'http', host: ssh.host, port: ssh.port ?? 22 }, ssh };
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
