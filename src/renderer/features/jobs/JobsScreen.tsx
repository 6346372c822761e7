import { Stack } from '@mantine/core';
import { navigate } from '../../app/navigation/route.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { JobLogDrawer } from './JobLogDrawer.js';
import { JobsTable } from './JobsTable.js';

/** Every job of this session; a row opens its log. */
export function JobsScreen({ jobId }: { jobId: string | undefined }) {
  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Jobs" />
      <JobsTable selected={jobId} />
      <JobLogDrawer jobId={jobId} onClose={() => navigate({ section: 'jobs' })} />
    </Stack>
  );
}
