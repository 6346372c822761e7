export { createLoadTestService } from './loadTestService.js';
export type { LoadTestService, LoadTestServiceDeps } from './loadTestService.js';
export { runLoadTest } from './runLoadTest.js';
export type { LoadTestOptions } from './runLoadTest.js';
