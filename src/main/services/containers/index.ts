export { createContainerService } from './containerService.js';
export type { ContainerService, ContainerServiceDeps } from './containerService.js';
export { resolveDockerEndpoint } from './dockerEndpoint.js';
export type { DockerEndpoint } from './dockerEndpoint.js';
