import { ActionIcon, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import {
  IconFileImport,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { takeImportRequest, useImportRequested } from '../../app/navigation/importRequest.js';
import { useCall } from '../../app/query/useCall.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { DatasetDetail } from './detail/DatasetDetail.js';
import { useImportFlow } from './import/ImportFlowProvider.js';
import { SampleDataButton } from '../notebooks/SampleDataButton.js';
import { ImportDropOverlay, ImportDropzone } from './import/ImportDropzone.js';
import { isBusy } from './import/importState.js';
import { ImportStatus } from './import/ImportStatus.js';
import { useCsvPicker } from './import/useCsvPicker.js';
import { DatasetList } from './list/DatasetList.js';
import classes from '../../components/layout/ListDetailLayout.module.css';

/** Data: the list of data sets on the left; the open one, or where to drop a new one, on the right. */
export function DataScreen({ slug }: { slug: string | undefined }) {
  const flow = useImportFlow();
  const busy = isBusy(flow.state);
  const picker = useCsvPicker(flow.start);
  const datasets = useCall('datasets.list', {});
  const hasDatasets = (datasets.data?.length ?? 0) > 0;
  // Wide profiles need the room; the choice is remembered like an editor's sidebar.
  const [listHidden, setListHidden] = useLocalStorage({ key: 'mlw-data-list-hidden', defaultValue: false });
  const listShown = !listHidden || slug === undefined;

  // "Import data set…" from the command palette opens the picker once this screen is up.
  const requested = useImportRequested();
  const openPicker = picker.open;
  useEffect(() => {
    if (requested && takeImportRequest() && !busy) openPicker();
  }, [requested, busy, openPicker]);

  const showDropzone = slug === undefined;
  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Data">
        {slug !== undefined && (
          <Tooltip label={listHidden ? 'Show the data set list' : 'Hide the data set list'}>
            <ActionIcon
              onClick={() => setListHidden(!listHidden)}
              aria-label={listHidden ? 'Show the data set list' : 'Hide the data set list'}
              aria-pressed={!listHidden}
              data-testid="toggle-dataset-list"
            >
              {listHidden ? (
                <IconLayoutSidebarLeftExpand size={16} />
              ) : (
                <IconLayoutSidebarLeftCollapse size={16} />
              )}
            </ActionIcon>
          </Tooltip>
        )}
        <Button
          leftSection={<IconFileImport size={14} />}
          onClick={picker.open}
          disabled={busy}
          data-testid="choose-file"
        >
          Import data…
        </Button>
      </ScreenHeader>
      {picker.input}
      {flow.state.phase !== 'idle' && (
        <Box px="md" pt="sm" style={{ flex: 'none' }}>
          <ImportStatus />
        </Box>
      )}
      <div className={classes.split} data-list-shown={listShown || undefined}>
        {listShown && (
          <aside className={classes.list}>
            <DatasetList selected={slug} />
          </aside>
        )}
        <section className={classes.main}>
          {slug !== undefined ? (
            <DatasetDetail key={slug} slug={slug} />
          ) : (
            <Stack
              p="md"
              gap="sm"
              h="100%"
              justify={hasDatasets ? 'flex-start' : 'center'}
              maw={720}
              mx="auto"
            >
              {hasDatasets && (
                <Text size="sm" c="dimmed">
                  Pick a data set on the left to see its profile, or import another one.
                </Text>
              )}
              <ImportDropzone onFile={flow.start} disabled={busy} compact={hasDatasets} />
              {!hasDatasets && (
                <Group justify="center" gap="xs">
                  <Text size="sm" c="dimmed">
                    No file at hand?
                  </Text>
                  <SampleDataButton />
                </Group>
              )}
            </Stack>
          )}
        </section>
      </div>
      {!showDropzone && <ImportDropOverlay onFile={flow.start} disabled={busy} />}
    </Stack>
  );
}
