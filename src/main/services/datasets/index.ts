export { createDatasetService } from './datasetService.js';
export type { DatasetService, DatasetServiceDeps } from './datasetService.js';
