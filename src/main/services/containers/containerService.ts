import Dockerode from 'dockerode';
import type { EngineStatus } from '../../../shared/contract/containers.js';
import { runToCompletion, type RunResult, type RunToCompletionOptions } from './containerRun.js';
import { resolveDockerEndpoint, type DockerEndpoint } from './dockerEndpoint.js';
import { readEngineStatus } from './engineStatus.js';
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
  readonly docker: Dockerode;
  engineStatus(): Promise<EngineStatus>;
  /** Makes an image from a root file system tarball: the local base where no registry is reachable. */
  importBaseImage(options: ImportBaseImageOptions): Promise<ImportedImage>;
  buildImage(options: BuildImageOptions): Promise<BuiltImage>;
  runToCompletion(options: RunToCompletionOptions): Promise<RunResult>;
  /** Cancels every build, import and run still in flight. */
  dispose(): Promise<void>;
}

export interface ContainerServiceDeps {
  /** An explicit engine address (setting or --docker-host); DOCKER_HOST and the local socket otherwise. */
  dockerHost?: string;
  env?: NodeJS.ProcessEnv;
}

export function createContainerService(deps: ContainerServiceDeps = {}): ContainerService {
  const endpoint = resolveDockerEndpoint(deps.dockerHost, deps.env ?? process.env);
  const docker = new Dockerode(endpoint.options);
  const disposed = new AbortController();
  /** The caller's signal joined with the service's own, so dispose() reaches every call in flight. */
  const withDispose = <T extends { signal?: AbortSignal }>(options: T): T => ({
    ...options,
    signal: options.signal ? AbortSignal.any([options.signal, disposed.signal]) : disposed.signal,
  });
  return {
    endpoint,
    docker,
    engineStatus: () => readEngineStatus(docker, endpoint.display),
    importBaseImage: (options) => importBaseImage(docker, endpoint.display, withDispose(options)),
    buildImage: (options) => buildImage(docker, endpoint.display, withDispose(options)),
    runToCompletion: (options) => runToCompletion(docker, endpoint.display, withDispose(options)),
    dispose: () => {
      disposed.abort();
      return Promise.resolve();
    },
  };
}
