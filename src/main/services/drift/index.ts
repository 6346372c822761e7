export { createDriftService, type DriftService, type DriftServiceDeps } from './driftService.js';
