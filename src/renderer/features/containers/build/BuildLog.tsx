import { Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Job } from '../../../../shared/contract/jobs.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { FollowedLog } from '../FollowedLog.js';
import { failedLines, isStepLine } from './buildLog.js';
import { useJobLogLines } from './useJobLogLines.js';
import classes from './BuildLog.module.css';

/** A log scrolled up by the user still brings the step that failed into view when it is marked. */
function showFailedStep(pane: HTMLDivElement): void {
  pane.querySelector('[data-failed]')?.scrollIntoView({ block: 'center' });
}

/** The build job's log as it streams: follows the end unless the user scrolled up; a failed step is marked. */
export function BuildLog({ job }: { job: Job }) {
  const { lines, error } = useJobLogLines(job);
  const failed = useMemo(() => failedLines(lines, job.status), [lines, job.status]);

  if (error !== undefined) return <ErrorAlert error={error} title="The build log could not be read" />;
  if (job.logLines === 0)
    return (
      <EmptyTab title="Nothing logged yet">The engine&apos;s output appears here as the build runs.</EmptyTab>
    );
  return (
    <FollowedLog
      caption={
        <>
          <Text size="xs" c="dimmed" className="mlw-num" data-testid="build-log-count">
            {formatCount(lines.length)} of {formatCount(job.logLines)} lines
          </Text>
          {failed.size > 0 && (
            <Text size="xs" c="red" data-testid="build-log-failed">
              The marked lines are the step that failed.
            </Text>
          )}
        </>
      }
      className={classes.log}
      label="Build log"
      testId="build-log"
      // The marks change with every line and when the job ends, which may mark the lines shown.
      update={failed}
      onUpdateScrolledUp={showFailedStep}
      // The pane shrinks when the header grows (the failure's alert arrives after the last line): a
      // followed log stays at its end, where the failing step is.
      keepEndOnResize
    >
      {lines.map((line, i) => (
        <div
          key={i}
          className={classes.line}
          data-level={line.level}
          data-step={isStepLine(line.text) || undefined}
          data-failed={failed.has(i) || undefined}
          data-testid="build-log-line"
        >
          {line.text || ' '}
        </div>
      ))}
    </FollowedLog>
  );
}
