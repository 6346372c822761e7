import {
  Anchor,
  Button,
  Group,
  Input,
  Kbd,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { loadTestResultSchema, type LoadTestResult } from '../../../../shared/contract/containerLoadtests.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { routeHash } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { modKeyLabel } from '../../../lib/platform.js';
import { useLabJob, type LabJob } from '../../models/lab/useLabJob.js';
import { useJobLogLines } from '../build/useJobLogLines.js';
import { containerItem } from '../containerItem.js';
import { PayloadRows, PayloadSwitch } from '../payload/PayloadChoice.js';
import { requestRowsCaption } from '../payload/requestRows.js';
import { Figure } from '../deployment/Figure.js';
import { LoadTestCharts } from './LoadTestCharts.js';
import {
  LOAD_TEST_BODIES,
  initialLoadTestForm,
  loadTestProblems,
  loadTestRequestOf,
  loadTestRoutes,
  sentEncoding,
  takesBinary,
  type LoadTestForm,
} from './loadTestForm.js';
import { formatLatency, formatRps, payloadLabel, samplesFromLog } from './loadTestSeries.js';

/** The form and the planned length of the last test, per deployment, so leaving the tab keeps them. */
const forms = new Map<string, LoadTestForm>();
const planned = new Map<string, number | undefined>();

const parseResult = (result: unknown): LoadTestResult => loadTestResultSchema.parse(result);

/** Why Start is refused, or undefined when it can start. */
function startRefusal(
  deployment: Deployment,
  problems: Record<string, string>,
  inputsPending: boolean,
): string | undefined {
  if (deployment.state !== 'running')
    return `${deployment.name} is ${deployment.state}: a load test needs a running deployment.`;
  if (!deployment.model)
    return 'This deployment runs an image that names no registered model, so there is no signature to make requests from.';
  if (inputsPending) return 'Reading the model’s inputs…';
  return Object.values(problems)[0];
}

/**
 * Load test: many connections send the deployment requests for a while; the job's log carries a
 * sample a second, drawn as it arrives, and its result (saved with the build) is summed up after.
 */
export function LoadTestTab({ deployment }: { deployment: Deployment }) {
  const client = useClient();
  const { model } = deployment;
  const [form, setFormState] = useState(() => forms.get(deployment.name) ?? initialLoadTestForm());
  const setForm = (next: LoadTestForm): void => {
    forms.set(deployment.name, next);
    setFormState(next);
  };
  const test = useLabJob(`containers.loadtest:${deployment.name}`, parseResult);
  const opened = useCall(
    'models.open',
    { model: { kind: 'registry', name: model?.name ?? 'model', version: model?.version } },
    { enabled: model !== null && form.payload === 'dataset', staleTime: 60_000, retry: false },
  );
  const inputs = opened.data?.inputs;
  const problems = loadTestProblems(form, inputs);
  const refusal = startRefusal(deployment, problems, form.payload === 'dataset' && opened.isPending);

  const start = (): void => {
    if (refusal !== undefined || test.running) return;
    planned.set(deployment.name, form.stopBy === 'duration' ? form.durationS : undefined);
    void test.start(() => client.call('containers.loadtest', loadTestRequestOf(deployment.name, form)));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    start();
  };
  const number = (value: string | number, fallback: number): number =>
    typeof value === 'number' ? value : fallback;
  const routes = loadTestRoutes(model?.name ?? 'model');

  return (
    <Stack gap="md" p="md" style={{ overflow: 'auto' }} onKeyDown={onKeyDown} data-testid="loadtest-tab">
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group gap="md" align="flex-start" wrap="wrap">
            <Select
              label="Route"
              size="xs"
              w={280}
              data={routes}
              value={routes.includes(form.path) ? form.path : '/predict'}
              allowDeselect={false}
              onChange={(path) => path && setForm({ ...form, path })}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="loadtest-path"
            />
            <Input.Wrapper label="Tensors" size="xs">
              <div>
                <SegmentedControl
                  size="xs"
                  data={[
                    { value: 'json', label: 'JSON' },
                    { value: 'binary', label: 'Binary' },
                  ]}
                  disabled={!takesBinary(form)}
                  value={sentEncoding(form)}
                  onChange={(encoding) => setForm({ ...form, encoding })}
                  title={
                    takesBinary(form)
                      ? 'Binary: the binary tensor data extension, raw bytes in and out, as KServe and Triton clients send'
                      : '/predict takes JSON; binary tensors go to the v2 infer route'
                  }
                  data-testid="loadtest-encoding"
                />
              </div>
            </Input.Wrapper>
            <NumberInput
              label="Connections"
              size="xs"
              w={110}
              min={1}
              max={1024}
              allowDecimal={false}
              value={form.connections}
              onChange={(value) => setForm({ ...form, connections: number(value, 0) })}
              error={problems.connections}
              data-testid="loadtest-connections"
            />
            <Input.Wrapper label="Stop after" size="xs">
              <Group gap={6} wrap="nowrap" align="flex-start">
                <SegmentedControl
                  size="xs"
                  data={[
                    { value: 'duration', label: 'Duration' },
                    { value: 'requests', label: 'Requests' },
                  ]}
                  value={form.stopBy}
                  onChange={(stopBy) => setForm({ ...form, stopBy: stopBy })}
                  data-testid="loadtest-stop-by"
                />
                {form.stopBy === 'duration' ? (
                  <NumberInput
                    size="xs"
                    w={96}
                    min={1}
                    max={3600}
                    suffix=" s"
                    value={form.durationS}
                    onChange={(value) => setForm({ ...form, durationS: number(value, 0) })}
                    error={problems.durationS}
                    aria-label="Duration in seconds"
                    data-testid="loadtest-duration"
                  />
                ) : (
                  <NumberInput
                    size="xs"
                    w={110}
                    min={1}
                    allowDecimal={false}
                    thousandSeparator=","
                    value={form.requests}
                    onChange={(value) => setForm({ ...form, requests: number(value, 0) })}
                    error={problems.requests}
                    aria-label="Requests"
                    data-testid="loadtest-requests"
                  />
                )}
              </Group>
            </Input.Wrapper>
            <NumberInput
              label="Rows per request"
              size="xs"
              w={120}
              min={1}
              max={4096}
              allowDecimal={false}
              value={form.batch}
              onChange={(value) => {
                const batch = number(value, 0);
                setForm({ ...form, batch, dataset: { ...form.dataset, limit: LOAD_TEST_BODIES * batch } });
              }}
              error={problems.batch}
              data-testid="loadtest-batch"
            />
            <PayloadSwitch
              label="Payload"
              value={form.payload}
              onChange={(payload) => setForm({ ...form, payload })}
              testId="loadtest-payload"
            />
          </Group>
          {form.payload === 'dataset' && (
            <PayloadRows
              inputsError={opened.error}
              inputs={inputs}
              state={form.dataset}
              problems={problems}
              onChange={(dataset) =>
                setForm({ ...form, dataset: { ...dataset, limit: LOAD_TEST_BODIES * form.batch } })
              }
              rowsCaption={(range) =>
                requestRowsCaption(
                  range,
                  form.batch,
                  LOAD_TEST_BODIES,
                  (bodies) =>
                    `${bodies} request ${bodies === 1 ? 'body' : 'bodies'} of ${form.batch} ${form.batch === 1 ? 'row' : 'rows'}, sent in turn`,
                )
              }
            />
          )}
          <Group gap="sm" wrap="nowrap">
            {test.running ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconPlayerStop size={14} />}
                onClick={test.cancel}
                disabled={test.job === undefined}
                data-testid="loadtest-cancel"
              >
                Cancel
              </Button>
            ) : (
              <Tooltip label={`${modKeyLabel()}+Enter`} disabled={refusal !== undefined}>
                <Button
                  leftSection={<IconPlayerPlay size={14} />}
                  onClick={start}
                  disabled={refusal !== undefined}
                  data-testid="loadtest-start"
                >
                  Start
                </Button>
              </Tooltip>
            )}
            {test.running ? null : refusal !== undefined ? (
              <Text
                size="xs"
                c="dimmed"
                className="mlw-truncate"
                title={refusal}
                data-testid="loadtest-refusal"
              >
                {refusal}
              </Text>
            ) : (
              <Text size="xs" c="dimmed" visibleFrom="md">
                <Kbd size="xs">{modKeyLabel()}</Kbd> + <Kbd size="xs">Enter</Kbd>
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>
      {test.job ? (
        <LoadTestRun key={test.job.id} test={test} plannedS={planned.get(deployment.name)} />
      ) : (
        test.error !== undefined && <ErrorAlert error={test.error} title="The load test could not start" />
      )}
    </Stack>
  );
}

/** One test: its progress and live charts while it runs, then its summary and where it was saved. */
function LoadTestRun({ test, plannedS }: { test: LabJob<LoadTestResult>; plannedS: number | undefined }) {
  const job = test.job!;
  const { lines } = useJobLogLines(job);
  const { result } = test;
  const samples = result?.samples ?? samplesFromLog(lines);
  // A test just started may be below a tall form (a data set's mapping): bring its charts into view.
  const shown = useRef<HTMLDivElement>(null);
  const running = job.status === 'running' || job.status === 'queued';
  useEffect(() => {
    if (running) shown.current?.scrollIntoView({ block: 'nearest' });
    // Once, when the run appears: later updates must not pull a user who scrolled away back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Stack ref={shown} gap="md" data-testid="loadtest-run" data-status={job.status}>
      {job.status !== 'succeeded' && (
        <div data-testid="loadtest-progress">
          <JobProgressBar job={job} />
        </div>
      )}
      {job.status === 'failed' && <ErrorAlert error={test.error} title="The load test failed" />}
      {job.status === 'cancelled' && (
        <Text size="xs" c="dimmed">
          Cancelled: nothing was saved.
        </Text>
      )}
      {result && <LoadTestSummary result={result} />}
      <LoadTestCharts samples={samples} plannedS={result ? undefined : plannedS} />
    </Stack>
  );
}

function LoadTestSummary({ result }: { result: LoadTestResult }) {
  const { latency } = result;
  return (
    <Stack gap="xs" data-testid="loadtest-summary">
      <SimpleGrid cols={{ base: 4, xl: 7 }} spacing="sm">
        <Figure label="req/s, mean" value={formatRps(result.rpsMean)} testId="loadtest-rps" />
        <Figure label="p50" value={formatLatency(latency.p50)} testId="loadtest-p50" />
        <Figure label="p90" value={formatLatency(latency.p90)} testId="loadtest-p90" />
        <Figure label="p99" value={formatLatency(latency.p99)} testId="loadtest-p99" />
        <Figure label="Max" value={formatLatency(latency.max)} testId="loadtest-max" />
        <Figure label="No answer" value={formatCount(result.errors)} testId="loadtest-errors" />
        <Figure label="Non-2xx" value={formatCount(result.non2xx)} testId="loadtest-non2xx" />
      </SimpleGrid>
      <Text size="xs" c="dimmed" data-testid="loadtest-saved">
        {formatCount(result.requests)} requests in {result.durationS.toFixed(1)} s · {result.method}{' '}
        {result.path} · {result.connections} connections · {result.bodies} bodies of {result.batch}{' '}
        {result.batch === 1 ? 'row' : 'rows'}, {payloadLabel(result)}
        {result.encoding === 'binary' ? ', binary tensors' : ''} ·{' '}
        {result.buildId ? (
          <>
            saved with build{' '}
            <Anchor
              size="xs"
              href={routeHash({
                section: 'containers',
                item: containerItem({ kind: 'build', id: result.buildId }),
              })}
            >
              {result.buildId}
            </Anchor>
            , compared with its other builds in its Load tests tab
          </>
        ) : (
          'not saved: the image is not a workbench build'
        )}
      </Text>
    </Stack>
  );
}
