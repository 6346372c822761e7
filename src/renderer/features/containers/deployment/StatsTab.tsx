import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { formatBinaryBytes, formatNumber, formatPercent } from '../../../../shared/format/numbers.js';
import { useClient } from '../../../app/query/clientContext.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { ChartFrame } from '../../../components/charts/ChartFrame.js';
import { ChartTooltipBox } from '../../../components/charts/ChartTooltip.js';
import { useChartPalette } from '../../../components/charts/chartPalette.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { niceCeil } from '../../models/bench/benchSeries.js';
import { Figure } from './Figure.js';
import { appendSample, STATS_WINDOW_MS, type StatsSample } from './statsHistory.js';

const POLL_MS = 2_000;
const MIB = 1024 * 1024;

interface History {
  samples: StatsSample[];
  memoryLimitBytes: number;
}

/**
 * The last minute of readings. Each poll appends to what the cache holds, so the history is the
 * query's own data and survives switching tabs for as long as the cache keeps it.
 */
function useStatsHistory(name: string, enabled: boolean) {
  const client = useClient();
  const queryClient = useQueryClient();
  const key = ['containers.stats.history', name] as const;
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<History> => {
      const stats = await client.call('containers.stats', { name });
      const known = queryClient.getQueryData<History>(key)?.samples ?? [];
      return {
        samples: appendSample(known, {
          at: Date.now(),
          cpuPercent: stats.cpuPercent,
          memoryBytes: stats.memoryBytes,
        }),
        memoryLimitBytes: stats.memoryLimitBytes,
      };
    },
    enabled,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

/** An axis tick: seconds before the latest reading, 0 s at the right. */
const secondsAgo = (at: number, now: number) => `${Math.round((at - now) / 1000)} s`;

function UseChart({
  samples,
  value,
  format,
  label,
  testId,
}: {
  samples: StatsSample[];
  value: (sample: StatsSample) => number;
  format: (value: number) => string;
  label: string;
  testId: string;
}) {
  const palette = useChartPalette();
  const now = samples.at(-1)?.at ?? 0;
  const data = samples.map((sample) => ({ at: sample.at, value: value(sample) }));
  // A round top that splits in four round ticks (2 → 0, 0.5, 1, 1.5, 2).
  const top = niceCeil(Math.max(0, ...data.map((point) => point.value)));
  const ChartTip = ({ active, payload }: TooltipContentProps) => {
    const point = active ? (payload?.[0]?.payload as { at: number; value: number } | undefined) : undefined;
    if (!point) return null;
    return (
      <ChartTooltipBox
        title={point.at === now ? 'now' : `${Math.round((now - point.at) / 1000)} s ago`}
        rows={[[label, format(point.value)]]}
      />
    );
  };
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {label}, the last minute
      </Text>
      <ChartFrame height={160} testId={testId}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis
            dataKey="at"
            type="number"
            domain={[now - STATS_WINDOW_MS, now]}
            tickFormatter={(at: number) => secondsAgo(at, now)}
            ticks={[0, 15, 30, 45, 60].map((s) => now - s * 1000)}
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 11 }}
          />
          <YAxis
            domain={[0, top]}
            ticks={[0, 1, 2, 3, 4].map((i) => (top * i) / 4)}
            tickFormatter={format}
            width={64}
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 11 }}
          />
          <Tooltip content={ChartTip} cursor={{ stroke: palette.axis }} isAnimationActive={false} />
          <Line dataKey="value" stroke={palette.bar} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ChartFrame>
    </Stack>
  );
}

/** CPU and memory now, and over the last minute, asked every 2 s while this tab is shown. */
export function StatsTab({ deployment }: { deployment: Deployment }) {
  const running = deployment.state === 'running';
  const history = useStatsHistory(deployment.name, running);
  if (!running)
    return <EmptyTab title="Not running">CPU and memory are measured while the deployment runs.</EmptyTab>;
  if (history.isPending) return <LoadingState label="Measuring…" />;
  if (history.isError) return <ErrorAlert error={history.error} title="The engine gave no figures" />;
  const { samples, memoryLimitBytes } = history.data;
  const latest = samples.at(-1);
  const limited = deployment.limits.memoryBytes !== null;
  return (
    <Stack gap="md" p="md" style={{ overflow: 'auto' }} data-testid="deployment-stats">
      <SimpleGrid cols={{ base: 2 }} spacing="sm" maw={640}>
        <Figure
          label="CPU"
          value={latest ? formatPercent(latest.cpuPercent) : '—'}
          detail={
            deployment.limits.cpus
              ? `of ${formatNumber(deployment.limits.cpus * 100)}% allowed`
              : '100% is one core'
          }
          testId="stats-cpu"
        />
        <Figure
          label="Memory"
          value={latest ? formatBinaryBytes(latest.memoryBytes) : '—'}
          detail={`of ${formatBinaryBytes(memoryLimitBytes)}${limited ? ' (its limit)' : ' (the engine’s, no limit set)'}`}
          testId="stats-memory"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <UseChart
          samples={samples}
          value={(s) => s.cpuPercent}
          format={(v) => formatPercent(v)}
          label="CPU"
          testId="stats-cpu-chart"
        />
        <UseChart
          samples={samples}
          // In MiB, so the axis splits at round MiB figures rather than round byte counts.
          value={(s) => s.memoryBytes / MIB}
          format={(v) => `${formatNumber(v)} MiB`}
          label="Memory"
          testId="stats-memory-chart"
        />
      </SimpleGrid>
    </Stack>
  );
}
