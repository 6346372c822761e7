export { createDatasetService } from './datasetService.js';
export type { DatasetService, DatasetServiceDeps, FileRelation } from './datasetService.js';
export { sha256File } from './sourceFile.js';
export { createTableQueries, type TableQueries } from './table/index.js';
export { exportProfileReport } from './report/index.js';
