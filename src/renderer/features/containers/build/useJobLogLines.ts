import { useEffect, useRef, useState } from 'react';
import type { Job, JobLogLine } from '../../../../shared/contract/jobs.js';
import { useClient } from '../../../app/query/clientContext.js';

const PAGE = 1_000;

/**
 * A job's whole log, read a page at a time whenever the job's snapshot says more lines exist (the
 * jobs.updated events carry the count), so a streaming build log costs one request per change and
 * nothing while idle. Use with `key={job.id}`: the lines are of one job.
 */
export function useJobLogLines(job: Pick<Job, 'id' | 'logLines'>): {
  lines: JobLogLine[];
  error: unknown;
} {
  const client = useClient();
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const reading = useRef(false);
  const mounted = useRef(false);
  const loaded = lines.length;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (job.logLines <= loaded || reading.current || error !== undefined) return;
    reading.current = true;
    const offset = loaded;
    // A page that arrives after the deps changed is still the next page: it is kept, never dropped,
    // or a log whose last change came while reading would stop short.
    client
      .call('jobs.log', { id: job.id, offset, limit: PAGE })
      .then((page) => {
        reading.current = false;
        if (mounted.current)
          setLines((known) => (known.length === offset ? [...known, ...page.lines] : known));
      })
      .catch((failure: unknown) => {
        reading.current = false;
        if (mounted.current) setError(failure);
      });
  }, [client, error, job.id, job.logLines, loaded]);

  return { lines, error };
}
