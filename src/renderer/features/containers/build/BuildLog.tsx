import { Group, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Job } from '../../../../shared/contract/jobs.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { failedLines, isStepLine } from './buildLog.js';
import { useJobLogLines } from './useJobLogLines.js';
import classes from './BuildLog.module.css';

/** Rows from the bottom within which the log counts as followed, so new lines scroll it. */
const STICK_PX = 24;

/** The build job's log as it streams: follows the end unless the user scrolled up; a failed step is marked. */
export function BuildLog({ job }: { job: Job }) {
  const { lines, error } = useJobLogLines(job);
  const failed = useMemo(() => failedLines(lines, job.status), [lines, job.status]);
  const pane = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const paneShown = job.logLines > 0 && error === undefined;

  useLayoutEffect(() => {
    const element = pane.current;
    if (!element) return;
    if (follow.current) element.scrollTop = element.scrollHeight;
    else if (failed.size > 0) element.querySelector('[data-failed]')?.scrollIntoView({ block: 'center' });
  }, [lines.length, failed]);

  // The pane shrinks when the header grows (the failure's alert arrives after the last line): a
  // followed log stays at its end, where the failing step is.
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (follow.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [paneShown]);

  if (error !== undefined) return <ErrorAlert error={error} title="The build log could not be read" />;
  if (job.logLines === 0)
    return (
      <EmptyTab title="Nothing logged yet">The engine&apos;s output appears here as the build runs.</EmptyTab>
    );
  return (
    <>
      <Group justify="space-between" px="md" py={4} style={{ flex: 'none' }}>
        <Text size="xs" c="dimmed" className="mlw-num" data-testid="build-log-count">
          {formatCount(lines.length)} of {formatCount(job.logLines)} lines
        </Text>
        {failed.size > 0 && (
          <Text size="xs" c="red" data-testid="build-log-failed">
            The marked lines are the step that failed.
          </Text>
        )}
      </Group>
      <div
        ref={pane}
        className={classes.log}
        onScroll={(event) => {
          const element = event.currentTarget;
          follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
        }}
        tabIndex={0}
        role="log"
        aria-label="Build log"
        data-testid="build-log"
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
      </div>
    </>
  );
}
