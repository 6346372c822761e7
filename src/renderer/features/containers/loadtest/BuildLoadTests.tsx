import { Anchor, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import type { LoadTestResult } from '../../../../shared/contract/containerLoadtests.js';
import { formatCount, formatDateTime } from '../../../../shared/format/numbers.js';
import { routeHash } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { BarList } from '../../../components/charts/BarList.js';
import { EmptyTab, Section } from '../../datasets/profile/TabState.js';
import { containerItem } from '../containerItem.js';
import { useBuilds, useDeployments } from '../useContainers.js';
import {
  buildsOfModel,
  compareBuilds,
  formatLatency,
  formatRps,
  payloadLabel,
  unlikeSettings,
  type BuildComparison,
} from './loadTestSeries.js';

/** A build's saved load tests, newest first, and its newest against the other builds of its model. */
export function BuildLoadTests({ record }: { record: BuildRecord }) {
  const results = useCall('containers.listLoadtests', { buildId: record.id });
  if (results.isPending) return <LoadingState label="Reading the saved load tests…" />;
  if (results.isError)
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={results.error} title="The saved load tests could not be read" />
      </div>
    );
  if (results.data.length === 0) return <NoLoadTests record={record} />;
  return (
    <Stack gap="lg" p="md" style={{ overflow: 'auto' }} data-testid="build-loadtests">
      <ResultsTable results={results.data} />
      <Comparison record={record} own={results.data} />
    </Stack>
  );
}

function NoLoadTests({ record }: { record: BuildRecord }) {
  const deployments = useDeployments();
  const mine = (deployments.data ?? []).filter((d) => d.buildId === record.id && d.state === 'running');
  return (
    <EmptyTab title="No load tests yet" testId="build-loadtests-empty">
      Run one from the Load test tab of a deployment of this build
      {mine.length > 0 ? (
        <>
          :{' '}
          {mine.map((d, i) => (
            <span key={d.name}>
              {i > 0 && ', '}
              <Anchor
                size="xs"
                href={routeHash({
                  section: 'containers',
                  item: containerItem({ kind: 'deployment', name: d.name }),
                })}
              >
                {d.name}
              </Anchor>
            </span>
          ))}
          .
        </>
      ) : record.image ? (
        '. None is running: start one with Run….'
      ) : (
        '. Build the image and run it first.'
      )}
    </EmptyTab>
  );
}

function ResultsTable({ results }: { results: LoadTestResult[] }) {
  return (
    <Section title={`Saved load tests (${formatCount(results.length)})`} aside="newest first">
      <Table layout="fixed" withRowBorders highlightOnHover data-testid="build-loadtests-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>When</Table.Th>
            <Table.Th w={100} ta="right">
              Connections
            </Table.Th>
            <Table.Th w={80} ta="right">
              Duration
            </Table.Th>
            <Table.Th>Payload</Table.Th>
            <Table.Th w={80} ta="right">
              req/s
            </Table.Th>
            <Table.Th w={80} ta="right">
              p50
            </Table.Th>
            <Table.Th w={80} ta="right">
              p99
            </Table.Th>
            <Table.Th w={70} ta="right">
              Errors
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((result) => {
            const payload = `${payloadLabel(result)} · ${result.bodies} × ${result.batch} ${result.batch === 1 ? 'row' : 'rows'}${result.encoding === 'binary' ? ' · binary' : ''}`;
            const details = `${result.method} ${result.path} on ${result.deployment}, ${formatCount(result.requests)} requests`;
            const failures = result.errors + result.non2xx;
            return (
              <Table.Tr key={result.id} data-testid="build-loadtest-row" data-id={result.id}>
                <Table.Td>
                  <Text
                    size="xs"
                    className="mlw-truncate"
                    title={`${result.startedAt} on ${result.deployment}`}
                  >
                    {formatDateTime(result.startedAt)}
                  </Text>
                </Table.Td>
                <Table.Td className="mlw-num">{formatCount(result.connections)}</Table.Td>
                <Table.Td className="mlw-num">{result.durationS.toFixed(1)} s</Table.Td>
                <Table.Td>
                  <Text size="xs" className="mlw-truncate" title={`${payload} · ${details}`}>
                    {payload}
                  </Text>
                </Table.Td>
                <Table.Td className="mlw-num" data-testid="build-loadtest-rps">
                  {formatRps(result.rpsMean)}
                </Table.Td>
                <Table.Td className="mlw-num">{formatLatency(result.latency.p50)}</Table.Td>
                <Table.Td className="mlw-num">{formatLatency(result.latency.p99)}</Table.Td>
                <Table.Td
                  className="mlw-num"
                  c={failures > 0 ? 'red' : undefined}
                  title={`${result.errors} without an answer, ${result.non2xx} non-2xx`}
                >
                  {formatCount(failures)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** The other builds' results, one query each, the current build's own taken from what is shown. */
function useModelResults(record: BuildRecord, own: LoadTestResult[]) {
  const client = useClient();
  const builds = useBuilds();
  const siblings = builds.data ? buildsOfModel(builds.data, record) : [record];
  const others = siblings.filter((build) => build.id !== record.id);
  const queries = useQueries({
    queries: others.map((build) => ({
      queryKey: callKey('containers.listLoadtests', { buildId: build.id }),
      queryFn: () => client.call('containers.listLoadtests', { buildId: build.id }),
    })),
  });
  const results = new Map<string, LoadTestResult[]>([[record.id, own]]);
  others.forEach((build, i) => results.set(build.id, queries[i]?.data ?? []));
  return {
    pending: builds.isPending || queries.some((query) => query.isPending),
    rows: compareBuilds(siblings.length > 0 ? siblings : [record], results, record.id),
    builds: siblings.length,
  };
}

function Comparison({ record, own }: { record: BuildRecord; own: LoadTestResult[] }) {
  const { pending, rows, builds } = useModelResults(record, own);
  const title = `Across the builds of ${record.model.name}`;
  const aside = 'each build’s newest load test';
  if (pending)
    return (
      <Section title={title} aside={aside}>
        <Text size="xs" c="dimmed">
          Reading the other builds’ load tests…
        </Text>
      </Section>
    );
  if (rows.length < 2)
    return (
      <Section title={title} aside={aside} testId="build-loadtests-compare">
        <Text size="xs" c="dimmed" data-testid="build-loadtests-compare-empty">
          {builds < 2
            ? `${record.model.name} has no other build to compare with. Build it again (another version, base or server) and load test that.`
            : `No other build of ${record.model.name} has a load test yet: run the same test on a deployment of one to compare.`}
        </Text>
      </Section>
    );
  const unlike = unlikeSettings(rows);
  const item = (row: BuildComparison, value: number) => ({
    key: row.buildId,
    label: row.current ? `${row.label} (this build)` : row.label,
    value,
    muted: !row.current,
  });
  // As wide as the longest label needs (about 6.4 px a character), so short tags leave the bars room.
  const longest = Math.max(...rows.map((row) => item(row, 0).label.length));
  const labelWidth = Math.min(240, Math.max(90, Math.ceil(longest * 6.4) + 16));
  return (
    <Section title={title} aside={aside} testId="build-loadtests-compare">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap={2}>
          <Text size="xs" fw={600}>
            Requests per second, higher is better
          </Text>
          <BarList
            items={rows.map((row) => item(row, row.rps))}
            xLabel="req/s"
            valueName="req/s"
            formatValue={formatRps}
            labelWidth={labelWidth}
            truncate="middle"
            testId="build-loadtests-rps"
          />
        </Stack>
        <Stack gap={2}>
          <Text size="xs" fw={600}>
            p99 latency, lower is better
          </Text>
          <BarList
            items={rows.flatMap((row) => (row.p99 === null ? [] : [item(row, row.p99)]))}
            xLabel="ms"
            valueName="p99"
            formatValue={(ms) => formatLatency(ms)}
            labelWidth={labelWidth}
            truncate="middle"
            testId="build-loadtests-p99"
          />
        </Stack>
      </SimpleGrid>
      {unlike.length > 0 && (
        <Text size="xs" c="orange" mt={4} data-testid="build-loadtests-unlike">
          These tests differ in {unlike.join(', ')}: run them alike for a fair comparison of the builds.
        </Text>
      )}
    </Section>
  );
}
