import { Text } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import type { Job } from '../../../../shared/contract/jobs.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useJobLogLines } from '../build/useJobLogLines.js';
import classes from '../build/BuildLog.module.css';

/** A push job's log, following its end: a few lines, since the bar carries the bytes. */
export function PushLog({ job }: { job: Job }) {
  const { lines, error } = useJobLogLines(job);
  const pane = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = pane.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [lines.length]);

  if (error !== undefined) return <ErrorAlert error={error} title="The push log could not be read" />;
  if (lines.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Nothing logged yet.
      </Text>
    );
  return (
    <div
      ref={pane}
      className={classes.log}
      style={{ flex: 'none', maxHeight: 132, borderRadius: 'var(--mantine-radius-sm)' }}
      tabIndex={0}
      role="log"
      aria-label="Push log"
      data-testid="push-log"
    >
      {lines.map((line, i) => (
        <div key={i} className={classes.line} data-level={line.level} data-testid="push-log-line">
          {line.text || ' '}
        </div>
      ))}
    </div>
  );
}
