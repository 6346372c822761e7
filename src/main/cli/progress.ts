import { SingleBar } from 'cli-progress';
import type { Job } from '../../shared/contract/jobs.js';
import type { JobService } from '../services/jobs/index.js';
import { terminalText } from './terminalText.js';

/**
 * Waits for a job, drawing a progress bar on a terminal and nothing on a pipe. Ctrl-C and the other
 * stop signals cancel it through the run's interruption (program.ts), not here.
 */
export async function followJob(jobs: JobService, job: Job, options: { showBar: boolean }): Promise<Job> {
  const bar = options.showBar
    ? new SingleBar({
        stream: process.stderr,
        format: ' {bar} {percentage}% | {stage}',
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined;
  bar?.start(100, 0, { stage: terminalText(job.stage) });
  const stopListening = jobs.onUpdate((update) => {
    if (update.id === job.id)
      bar?.update(Math.round((update.progress ?? 0) * 100), { stage: terminalText(update.stage) });
  });
  try {
    return await jobs.wait(job.id);
  } finally {
    stopListening();
    bar?.stop();
  }
}
