import { Button, Group, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { navigate } from '../../../app/navigation/route.js';
import { useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { expectedKind } from './columnKind.js';
import { driftRequestOf, type DriftFormErrors } from './driftForm.js';
import { setReportDraft, useReportDraft } from './reportDraft.js';
import { SettingsPanel, type KnownColumn } from './SettingsPanel.js';
import { SidePicker } from './SidePicker.js';
import { useDriftRun } from './useDriftRun.js';

/** The columns of a side that is a data set, with the kind its profile suggests. */
function useSideColumns(slug: string | null, enabled: boolean): KnownColumn[] {
  const dataset = useCall(
    'datasets.get',
    { slug: slug ?? '' },
    { enabled: enabled && slug !== null, staleTime: Number.POSITIVE_INFINITY },
  );
  if (!enabled || !dataset.data) return [];
  const profiles = new Map(dataset.data.profile.columns.map((column) => [column.name, column]));
  return dataset.data.manifest.columns.map((column) => ({
    name: column.name,
    kind: expectedKind(profiles.get(column.name)),
  }));
}

/**
 * A new report: the two sides, the optional settings folded below, and Run, which runs it as a job
 * with its progress inline and opens the report when it is saved.
 */
export function NewReportForm() {
  const form = useReportDraft();
  const setForm = setReportDraft;
  const [errors, setErrors] = useState<DriftFormErrors | undefined>(undefined);
  const datasets = useCall('datasets.list', {});
  const models = useCall('models.list', {});
  const baselineColumns = useSideColumns(form.baseline.slug, form.baseline.kind === 'dataset');
  const currentColumns = useSideColumns(form.current.slug, form.current.kind === 'dataset');
  const openReport = useCallback((id: string) => navigate({ section: 'drift', item: id }), []);
  const run = useDriftRun(openReport);

  const submit = (): void => {
    const parsed = driftRequestOf(form);
    setErrors(parsed.errors);
    if (parsed.request) void run.start(parsed.request);
  };

  const finished = run.job?.status === 'failed' || run.job?.status === 'cancelled';
  return (
    <Stack h="100%" gap={0} data-testid="drift-new-report">
      <ScrollArea flex={1} type="auto">
        <Stack gap="md" p="md" maw={960} mx="auto">
          <div>
            <Title order={2}>New drift report</Title>
            <Text size="sm" c="dimmed">
              Compare the current data with a baseline, column by column. The report is saved under drift/ in
              the workspace, as JSON and as a page to share.
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <SidePicker
              name="baseline"
              description="What the model learned from: its training or validation data."
              side={form.baseline}
              onChange={(baseline) => setForm({ ...form, baseline })}
              datasets={datasets.data}
              error={errors?.baseline}
            />
            <SidePicker
              name="current"
              description="What it sees now: recent data, or the requests a deployment captured."
              side={form.current}
              onChange={(current) => setForm({ ...form, current })}
              datasets={datasets.data}
              error={errors?.current}
            />
          </SimpleGrid>
          <SettingsPanel
            form={form}
            onChange={setForm}
            baselineColumns={baselineColumns}
            currentColumns={currentColumns.map((column) => column.name)}
            models={models.data}
            errors={errors}
          />
        </Stack>
      </ScrollArea>
      {/* Run, its progress and its outcome stay in sight below the settings, however long they get. */}
      <div style={{ flex: 'none', borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Group
          justify="space-between"
          align="flex-start"
          wrap="nowrap"
          gap="md"
          p="sm"
          px="md"
          maw={960}
          mx="auto"
        >
          <div style={{ flex: 1, minWidth: 0 }} data-testid="drift-run-status">
            {run.job && run.running && <JobProgressBar job={run.job} />}
            {run.job?.status === 'cancelled' && (
              <Text size="sm" c="dimmed" data-testid="drift-run-cancelled">
                The run was cancelled; nothing was saved.
              </Text>
            )}
            {run.error !== undefined && (
              <ErrorAlert error={run.error} title="The report could not be made" onClose={run.dismiss} />
            )}
            {errors && !run.running && (
              <Text size="xs" c="red" data-testid="drift-form-invalid">
                Some choices above need attention.
              </Text>
            )}
          </div>
          <Group gap="xs" wrap="nowrap">
            {run.running && run.job && (
              <Button
                variant="default"
                leftSection={<IconPlayerStop size={14} />}
                onClick={run.cancel}
                data-testid="drift-cancel"
              >
                Cancel
              </Button>
            )}
            <Button
              leftSection={<IconPlayerPlay size={14} />}
              onClick={() => {
                if (finished) run.dismiss();
                submit();
              }}
              loading={run.running}
              data-testid="drift-run"
            >
              Run report
            </Button>
          </Group>
        </Group>
      </div>
    </Stack>
  );
}
