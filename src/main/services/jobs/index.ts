export { createJobService } from './jobService.js';
export type { JobContext, JobService, JobServiceOptions } from './jobService.js';
