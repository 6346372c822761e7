import type { JobLogLine, JobStatus } from '../../../../shared/contract/jobs.js';

const STEP = /^Step \d+\/\d+ ?:/;

/**
 * The lines of a failed build that belong to the step that failed: from its "Step n/m" line to the
 * end, where the engine's error is. A build that failed before any step (the base could not be had,
 * the Dockerfile was refused) has no step: its error lines are the failure.
 */
export function failedLines(lines: readonly JobLogLine[], status: JobStatus): Set<number> {
  const failed = new Set<number>();
  if (status !== 'failed') return failed;
  let from = -1;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (STEP.test(lines[i]!.text)) {
      from = i;
      break;
    }
  }
  if (from >= 0) {
    // The verification after a good build logs no steps: a failure there is not the last step's.
    const built = lines.slice(from).some((line) => line.text.startsWith('Built '));
    if (!built) for (let i = from; i < lines.length; i += 1) failed.add(i);
  }
  if (failed.size === 0) lines.forEach((line, i) => line.level === 'error' && failed.add(i));
  return failed;
}

/** Whether a line opens a build step, to set it apart in the log. */
export function isStepLine(text: string): boolean {
  return STEP.test(text);
}
