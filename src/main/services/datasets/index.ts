export { createDatasetService } from './datasetService.js';
export type { DatasetService, DatasetServiceDeps } from './datasetService.js';
export { createTableQueries, type TableQueries } from './table/index.js';
export { exportProfileReport } from './report/index.js';
