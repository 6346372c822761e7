import { CloseButton, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useCall } from '../../../app/query/useCall.js';
import { DatasetListItem } from './DatasetListItem.js';
import { filterDatasets } from './filterDatasets.js';

/** The workspace's data sets, newest first, with a search box. */
export function DatasetList({ selected }: { selected: string | undefined }) {
  const datasets = useCall('datasets.list', {});
  const [query, setQuery] = useState('');

  const body = (() => {
    if (datasets.isPending) return <LoadingState label="Reading the workspace…" />;
    if (datasets.isError) {
      return (
        <div style={{ padding: 8 }}>
          <ErrorAlert error={datasets.error} />
        </div>
      );
    }
    if (datasets.data.length === 0) {
      return (
        <Text size="xs" c="dimmed" p="sm" data-testid="datasets-empty">
          No data sets yet. Import a file and it appears here.
        </Text>
      );
    }
    const shown = filterDatasets(datasets.data, query);
    if (shown.length === 0) {
      return (
        <Text size="xs" c="dimmed" p="sm">
          No data set matches “{query}”.
        </Text>
      );
    }
    return (
      <Stack gap={0} component="ul" p={0} m={0} aria-label="Data sets" data-testid="dataset-list">
        {shown.map((dataset) => (
          <DatasetListItem key={dataset.slug} dataset={dataset} selected={dataset.slug === selected} />
        ))}
      </Stack>
    );
  })();

  return (
    <Stack gap={0} h="100%">
      <div style={{ padding: 8, flex: 'none' }}>
        <TextInput
          placeholder="Search data sets"
          aria-label="Search data sets"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={
            query ? <CloseButton size="xs" aria-label="Clear search" onClick={() => setQuery('')} /> : null
          }
          data-testid="dataset-search"
        />
      </div>
      <ScrollArea flex={1} type="auto" scrollbars="y">
        {body}
      </ScrollArea>
    </Stack>
  );
}
