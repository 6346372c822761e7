import type { Agent } from 'node:http';
import { homedir, userInfo } from 'node:os';
import type Dockerode from 'dockerode';
import type { EngineChange, EngineStatus } from '../../../shared/contract/containers.js';
import { createEngineEvents } from './engineEvents.js';
import { runToCompletion, type RunResult, type RunToCompletionOptions } from './containerRun.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { redactUrl } from '../../../shared/format/redactUrl.js';
import { dockerHostSetting, resolveDockerEndpoint, type DockerEndpoint } from './dockerEndpoint.js';
import { readEngineStatus } from './engineStatus.js';
import { imageDetails, pullImage, type ImageDetails } from './images.js';
import { pushImage, type PushImageOptions } from './push/pushImage.js';
import {
  buildImage,
  importBaseImage,
  type BuildImageOptions,
  type BuiltImage,
  type ImportBaseImageOptions,
  type ImportedImage,
} from './imageBuild.js';

export interface ContainerService {
  readonly endpoint: DockerEndpoint;
  /**
   * The engine's client, loaded on first use: dockerode and what it pulls in (ssh2, gRPC, protobuf)
   * take ~140 ms to load, which every data and model command would otherwise pay.
   */
  docker(): Promise<Dockerode>;
  engineStatus(): Promise<EngineStatus>;
  /** Makes an image from a root file system tarball: the local base where no registry is reachable. */
  importBaseImage(options: ImportBaseImageOptions): Promise<ImportedImage>;
  buildImage(options: BuildImageOptions): Promise<BuiltImage>;
  /** An image's id, size, digests and layers; undefined when the engine has none by that name. */
  imageDetails(reference: string, signal?: AbortSignal): Promise<ImageDetails | undefined>;
  pullImage(
    reference: string,
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number, line: string) => void },
  ): Promise<void>;
  /** Tags an image as a registry reference and pushes it; the manifest digest when the registry says it. */
  pushImage(options: PushImageOptions): Promise<{ digest: string | null }>;
  runToCompletion(options: RunToCompletionOptions): Promise<RunResult>;
  /** Calls the listener when the engine's containers or images change, while it listens. */
  onChange(listener: (change: EngineChange) => void): () => void;
  /** Cancels every build, import and run still in flight. */
  dispose(): Promise<void>;
}

export interface ContainerServiceDeps {
  /** An explicit engine address (setting or --docker-host); DOCKER_HOST and the local socket otherwise. */
  dockerHost?: string;
  /** HOME (for ~/.ssh and ~/.docker) and SSH_AUTH_SOCK come from here too. */
  env?: NodeJS.ProcessEnv;
  /** The system-wide ssh configuration for an ssh engine, read after ~/.ssh/config; /etc/ssh/ssh_config by default. */
  systemSshConfig?: string;
  /** The system-wide known hosts files for an ssh engine; /etc/ssh's by default. */
  globalKnownHosts?: readonly string[];
}

/** The engine's client; an ssh engine's requests go through an ssh agent of our own (see ssh/). */
async function createClient(
  endpoint: DockerEndpoint,
  deps: ContainerServiceDeps,
): Promise<{ client: Dockerode; close: () => void }> {
  const { default: Client } = await import('dockerode');
  if (!endpoint.ssh) return { client: new Client(endpoint.options), close: () => undefined };
  const { SshDockerAgent } = await import('./ssh/sshDockerAgent.js');
  const env = deps.env ?? process.env;
  const agent = new SshDockerAgent(
    { ...endpoint.ssh, display: endpoint.display },
    {
      home: env.HOME || homedir(),
      localUser: userInfo().username,
      env,
      ...(deps.systemSshConfig ? { systemConfig: deps.systemSshConfig } : {}),
      ...(deps.globalKnownHosts ? { globalKnownHosts: deps.globalKnownHosts } : {}),
    },
  );
  // docker-modem takes an http.Agent for HTTP engines; its types predate the option.
  const options: Dockerode.DockerOptions & { agent: Agent } = { ...endpoint.options, agent };
  return { client: new Client(options), close: () => agent.destroy() };
}

/**
 * An address that is not a URL fails only what needs the engine (its status says why), so a bad
 * DOCKER_HOST never stops data or model work that has nothing to do with Docker.
 */
function resolveOrExplain(deps: ContainerServiceDeps): {
  endpoint: DockerEndpoint;
  problem?: WorkbenchError;
} {
  const env = deps.env ?? process.env;
  try {
    return { endpoint: resolveDockerEndpoint(deps.dockerHost, env) };
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    return {
      endpoint: { display: redactUrl(dockerHostSetting(deps.dockerHost, env)), options: {} },
      problem: error,
    };
  }
}

export function createContainerService(deps: ContainerServiceDeps = {}): ContainerService {
  const { endpoint, problem } = resolveOrExplain(deps);
  let client: Promise<{ client: Dockerode; close: () => void }> | undefined;
  const docker = (): Promise<Dockerode> =>
    (client ??= createClient(endpoint, deps)).then((made) => made.client);
  const usable = <T>(work: (docker: Dockerode) => Promise<T>): Promise<T> =>
    problem ? Promise.reject(problem) : docker().then(work);
  const disposed = new AbortController();
  const events = createEngineEvents(docker);
  /** The caller's signal joined with the service's own, so dispose() reaches every call in flight. */
  const withDispose = <T extends { signal?: AbortSignal }>(options: T): T => ({
    ...options,
    signal: options.signal ? AbortSignal.any([options.signal, disposed.signal]) : disposed.signal,
  });
  return {
    endpoint,
    docker,
    engineStatus: () =>
      problem
        ? Promise.resolve({ reachable: false, endpoint: endpoint.display, error: problem.toShape() })
        : docker().then((client) => readEngineStatus(client, endpoint)),
    importBaseImage: (options) =>
      usable((client) => importBaseImage(client, endpoint.display, withDispose(options))),
    buildImage: (options) => usable((client) => buildImage(client, endpoint.display, withDispose(options))),
    imageDetails: (reference, signal) =>
      usable((client) => imageDetails(client, endpoint.display, reference, withDispose({ signal }).signal)),
    pullImage: (reference, options = {}) =>
      usable((client) => pullImage(client, endpoint.display, reference, withDispose(options))),
    pushImage: (options) => usable((client) => pushImage(client, endpoint.display, withDispose(options))),
    runToCompletion: (options) =>
      usable((client) => runToCompletion(client, endpoint.display, withDispose(options))),
    onChange: (listener) => (problem ? () => undefined : events.onChange(listener)),
    dispose: async () => {
      events.dispose();
      disposed.abort();
      await client?.then(
        (made) => made.close(),
        () => undefined,
      );
    },
  };
}
