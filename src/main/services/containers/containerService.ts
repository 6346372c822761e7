import Dockerode from 'dockerode';
import type { EngineStatus } from '../../../shared/contract/containers.js';
import { resolveDockerEndpoint, type DockerEndpoint } from './dockerEndpoint.js';
import { readEngineStatus } from './engineStatus.js';

export interface ContainerService {
  readonly endpoint: DockerEndpoint;
  readonly docker: Dockerode;
  engineStatus(): Promise<EngineStatus>;
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
  return {
    endpoint,
    docker,
    engineStatus: () => readEngineStatus(docker, endpoint.display),
    dispose: () => Promise.resolve(),
  };
}
