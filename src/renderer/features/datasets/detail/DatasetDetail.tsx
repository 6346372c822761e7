import { Stack } from '@mantine/core';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { ColumnSummaryTable } from './ColumnSummaryTable.js';
import { DatasetFacts } from './DatasetFacts.js';

/** One data set: what it is and where it came from, then a summary of every column. */
export function DatasetDetail({ slug }: { slug: string }) {
  // A data set never changes once imported, so its profile is fetched once.
  const dataset = useCall('datasets.get', { slug }, { staleTime: Number.POSITIVE_INFINITY });
  if (dataset.isPending) return <LoadingState label="Opening the data set…" />;
  if (dataset.isError) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={dataset.error} />
      </div>
    );
  }
  const { manifest, profile } = dataset.data;
  return (
    <Stack gap={0} h="100%" data-testid="dataset-detail" data-slug={slug}>
      <DatasetFacts manifest={manifest} profile={profile} />
      <ColumnSummaryTable columns={profile.columns} />
    </Stack>
  );
}
