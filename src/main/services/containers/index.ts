export { createContainerService } from './containerService.js';
export type { ContainerService, ContainerServiceDeps } from './containerService.js';
export { resolveDockerEndpoint } from './dockerEndpoint.js';
export type { DockerEndpoint } from './dockerEndpoint.js';
export type { BuildContextEntry } from './buildContext.js';
export type { BuildImageOptions, BuiltImage, ImportBaseImageOptions, ImportedImage } from './imageBuild.js';
export type { RunResult, RunToCompletionOptions } from './containerRun.js';
