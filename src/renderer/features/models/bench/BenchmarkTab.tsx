import { Alert, Group, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { benchResultSchema, type BenchResult } from '../../../../shared/contract/modelLab.js';
import type { ModelSummary } from '../../../../shared/contract/modelSummary.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab, Section } from '../../datasets/profile/TabState.js';
import { namedDims } from '../lab/formValues.js';
import { LabJobStatus } from '../lab/LabJobStatus.js';
import { useLabJob } from '../lab/useLabJob.js';
import { modelItem, type ModelTarget } from '../list/modelItem.js';
import { modelRefOf } from '../run/RunTab.js';
import { BenchForm } from './BenchForm.js';
import { LatencyChart, ThroughputChart } from './BenchCharts.js';
import { BenchTable } from './BenchTable.js';
import { benchLabel, gridLabel, overlayPrefixes, seriesOf } from './benchSeries.js';
import { SavedBenchmarks } from './SavedBenchmarks.js';
import classes from './Bench.module.css';
import { useRegisteredModel } from '../list/useRegisteredModel.js';

interface Shown {
  result: BenchResult;
  version: number | null;
}

/**
 * Time the model over batch sizes × thread counts in the model worker, draw latency and throughput,
 * and (registry models) keep each run beside the version to show again or lay over another version's.
 */
export function BenchmarkTab({ target, summary }: { target: ModelTarget; summary: ModelSummary }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const key = modelItem(target);
  const registered = target.kind === 'registry';
  const version = useRegisteredModel(target).data?.card.version;
  const saved = useCall(
    'models.benchmarks',
    { name: registered ? target.name : '-' },
    { enabled: registered },
  );
  const bench = useLabJob(`bench:${key}`, (result) => benchResultSchema.parse(result));
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [overlay, setOverlay] = useState<string | null>(null);

  // A finished run has written a file beside the version: the saved list is stale.
  useEffect(() => {
    if (bench.result?.savedTo) void queryClient.invalidateQueries({ queryKey: ['models.benchmarks'] });
  }, [bench.result, queryClient]);

  const entries = saved.data?.benchmarks ?? [];
  const fromFile = (file: string | null | undefined): Shown | undefined => {
    const entry = entries.find((e) => e.file === file);
    return entry ? { result: entry.result, version: entry.version } : undefined;
  };
  const newestOfVersion = entries.find((e) => e.version === version);
  const shown: Shown | undefined =
    fromFile(picked) ??
    (bench.result ? { result: bench.result, version: registered ? (version ?? null) : null } : undefined) ??
    (newestOfVersion ? { result: newestOfVersion.result, version: newestOfVersion.version } : undefined);
  const shownFile = picked ?? bench.result?.savedTo ?? (bench.result ? undefined : newestOfVersion?.file);
  const laid = overlay !== shownFile ? fromFile(overlay) : undefined;
  const prefixes =
    shown && laid
      ? overlayPrefixes(
          { version: shown.version, createdAt: shown.result.createdAt },
          { version: laid.version, createdAt: laid.result.createdAt },
        )
      : undefined;
  const series = shown
    ? [
        ...seriesOf(shown.result, 'shown', prefixes?.[0]),
        ...(laid && prefixes ? seriesOf(laid.result, 'overlay', prefixes[1]) : []),
      ]
    : [];

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="md" p="md" maw={1200} data-testid="bench-tab">
        <BenchForm
          modelKey={key}
          dimNames={namedDims(summary.inputs)}
          busy={bench.running}
          onStart={(request) => {
            // The new run is what the charts show when it ends.
            setPicked(undefined);
            void bench.start(() => client.call('models.bench', { model: modelRefOf(target), ...request }));
          }}
        />
        {!registered && (
          <Text size="xs" c="dimmed" data-testid="bench-not-saved">
            A file’s benchmarks are not saved: add the model to the registry to keep them and compare
            versions.
          </Text>
        )}
        {bench.running && <LabJobStatus job={bench.job} onCancel={bench.cancel} testId="bench-progress" />}
        {bench.job?.status === 'cancelled' && (
          <Alert color="gray" variant="light" py={6} data-testid="bench-cancelled">
            The benchmark was cancelled; nothing was saved.
          </Alert>
        )}
        {bench.error !== undefined && <ErrorAlert error={bench.error} title="The benchmark failed" />}
        {saved.isError && <ErrorAlert error={saved.error} title="Could not read the saved benchmarks" />}
        {shown ? (
          <Stack gap="md" data-testid="bench-results">
            <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} data-testid="bench-shown">
                  {benchLabel(shown.version, shown.result.createdAt)} · {gridLabel(shown.result)}
                </Text>
                <Text size="xs" c="dimmed">
                  Timed inside the model worker (session.run alone, no IPC) · {shown.result.machine.cpuModel},{' '}
                  {shown.result.machine.cpuCount} CPUs, {formatBytes(shown.result.machine.totalMemoryBytes)} ·
                  ONNX Runtime {shown.result.machine.ortVersion} on {shown.result.settings.executionProvider}{' '}
                  · optimization {shown.result.settings.graphOptimization}
                </Text>
              </Stack>
              {registered && entries.length > 1 && (
                <Select
                  size="xs"
                  w={260}
                  label="Lay over"
                  placeholder="another saved benchmark"
                  clearable
                  value={laid ? overlay : null}
                  onChange={setOverlay}
                  data={entries
                    .filter((e) => e.file !== shownFile)
                    .map((e) => ({ value: e.file, label: benchLabel(e.version, e.result.createdAt) }))}
                  data-testid="bench-overlay"
                />
              )}
            </Group>
            {series.length === 0 ? (
              <Text size="sm" c="dimmed">
                No cell ran: see the table for why.
              </Text>
            ) : (
              <div className={classes.charts}>
                <LatencyChart series={series} />
                <ThroughputChart series={series} />
              </div>
            )}
            <Section title="Cells" aside="latency in ms">
              <BenchTable result={shown.result} />
            </Section>
          </Stack>
        ) : (
          !bench.running &&
          bench.error === undefined &&
          (!registered || saved.isSuccess) && (
            <EmptyTab title="No benchmark yet" testId="bench-empty">
              Set the batch sizes and thread counts above and run one: each cell is timed over the runs after
              its warm-up.
            </EmptyTab>
          )
        )}
        {registered && saved.data && version !== undefined && (
          <SavedBenchmarks
            saved={saved.data}
            version={version}
            shown={shownFile}
            laid={laid ? (overlay ?? undefined) : undefined}
            onShow={setPicked}
          />
        )}
      </Stack>
    </ScrollArea>
  );
}
