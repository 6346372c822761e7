export { createModelRegistry, type ModelRegistry, type ModelRegistryDeps } from './registry.js';
export type { AddRequest } from './addModel.js';
export type { StoredVersion } from './store.js';
