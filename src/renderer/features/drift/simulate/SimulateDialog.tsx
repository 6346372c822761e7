import {
  ActionIcon,
  Button,
  Group,
  Input,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { simulateResultSchema, type SimulateRequest } from '../../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/index.js';
import { navigate } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { getReportDraft, setReportDraft } from '../run/reportDraft.js';
import {
  emptyShift,
  emptySimulateForm,
  reportFormFor,
  simulateRequestOf,
  type ShiftKind,
  type ShiftRow,
  type SimulateForm,
  type SimulateFormErrors,
} from './simulateForm.js';

const KINDS: { value: ShiftKind; label: string; valueLabel: string; placeholder: string }[] = [
  { value: 'mean', label: 'Move the mean', valueLabel: 'By (std)', placeholder: '1' },
  { value: 'scale', label: 'Scale the spread', valueLabel: 'Factor', placeholder: '2' },
  { value: 'categories', label: 'Reweigh categories', valueLabel: 'Weights', placeholder: 'a:0.7, b:0.3' },
  { value: 'missing', label: 'Blank values', valueLabel: 'Share (0–1)', placeholder: '0.2' },
];

/**
 * Makes a shifted copy of a data set to demonstrate drift: its shifts, at once or over timestamped
 * windows, run as a job; once made, a notification offers the report comparing the two.
 */
export function SimulateDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SimulateForm>(emptySimulateForm);
  const [errors, setErrors] = useState<SimulateFormErrors | undefined>(undefined);
  const [startError, setStartError] = useState<unknown>(undefined);
  const [started, setStarted] = useState<{ id: string; request: SimulateRequest } | undefined>(undefined);
  const datasets = useCall('datasets.list', {});
  const source = useCall(
    'datasets.get',
    { slug: form.source ?? '' },
    { enabled: form.source !== null, staleTime: Number.POSITIVE_INFINITY },
  );
  const columns = source.data?.manifest.columns.map((column) => column.name) ?? [];
  const query = useCall(
    'jobs.get',
    { id: started?.id ?? '' },
    { enabled: started !== undefined, staleTime: Number.POSITIVE_INFINITY },
  );
  const job = started ? query.data : undefined;
  const running = job?.status === 'queued' || job?.status === 'running';

  const announced = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!started || job?.status !== 'succeeded' || announced.current === job.id) return;
    announced.current = job.id;
    const result = simulateResultSchema.safeParse(job.result);
    if (!result.success) return;
    void queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
    const name = started.request.name;
    const notice = `simulated-${result.data.slug}`;
    notifications.show({
      id: notice,
      color: 'teal',
      autoClose: 30_000,
      title: `Made data set ${name}`,
      message: (
        <Stack gap={6} align="flex-start" data-testid="drift-simulated">
          <Text size="sm">
            A shifted copy of{' '}
            {datasets.data?.find((d) => d.slug === started.request.source)?.name ?? started.request.source}.
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            data-testid="drift-simulated-report"
            onClick={() => {
              setReportDraft(reportFormFor(getReportDraft(), started.request, result.data.slug));
              navigate({ section: 'drift' });
              notifications.hide(notice);
            }}
          >
            Compare it with the source
          </Button>
        </Stack>
      ),
    });
    onClose();
  }, [job, started, queryClient, datasets.data, onClose]);

  const submit = async (): Promise<void> => {
    const parsed = simulateRequestOf(form);
    setErrors(parsed.errors);
    if (!parsed.request) return;
    setStartError(undefined);
    try {
      const simulation = await client.call('drift.simulate', parsed.request);
      queryClient.setQueryData(
        callKey('jobs.get', { id: simulation.id }),
        (known: Job | undefined) => known ?? simulation,
      );
      setStarted({ id: simulation.id, request: parsed.request });
    } catch (error) {
      setStartError(error);
    }
  };

  const failed = job?.status === 'failed' && job.error ? new WorkbenchError(job.error) : undefined;
  const error = startError ?? failed;
  const setShift = (i: number, row: Partial<ShiftRow>): void =>
    setForm({ ...form, shifts: form.shifts.map((r, j) => (j === i ? { ...r, ...row } : r)) });

  return (
    <Modal
      opened
      onClose={onClose}
      title="Simulate drift"
      size="xl"
      closeOnClickOutside={!running}
      data-testid="drift-simulate-dialog"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Make a shifted copy of a data set, to show what a drift report finds. The copy is a new data set;
          the source is left as it is.
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <Select
            size="sm"
            label="Source data set"
            placeholder={datasets.data ? 'Pick a data set' : 'Reading the workspace…'}
            data={(datasets.data ?? []).map((dataset) => ({ value: dataset.slug, label: dataset.name }))}
            value={form.source}
            onChange={(slug) => {
              const chosen = datasets.data?.find((dataset) => dataset.slug === slug);
              setForm({
                ...form,
                source: slug,
                name: form.name || (chosen ? `${chosen.name} shifted` : ''),
                shifts: form.shifts.map((row) => ({ ...row, column: null })),
              });
            }}
            searchable
            nothingFoundMessage="No data set by that name"
            error={errors?.source}
            data-testid="drift-simulate-source"
          />
          <TextInput
            size="sm"
            label="New data set’s name"
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
            error={errors?.name}
            data-testid="drift-simulate-name"
          />
        </SimpleGrid>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Shifts
          </Text>
          {form.shifts.map((row, i) => {
            const kind = KINDS.find((k) => k.value === row.kind) ?? KINDS[0]!;
            return (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-end" data-testid="drift-simulate-shift">
                <Select
                  size="sm"
                  w={200}
                  label={i === 0 ? 'Kind' : undefined}
                  aria-label="Kind"
                  data={KINDS.map(({ value, label }) => ({ value, label }))}
                  value={row.kind}
                  onChange={(value) =>
                    value &&
                    setShift(i, {
                      kind: value,
                      value: KINDS.find((k) => k.value === value)?.placeholder ?? '',
                    })
                  }
                  allowDeselect={false}
                  data-testid="drift-simulate-kind"
                />
                <Select
                  size="sm"
                  flex={1}
                  label={i === 0 ? 'Column' : undefined}
                  aria-label="Column"
                  placeholder={form.source ? 'Pick a column' : 'Pick the source first'}
                  data={columns}
                  value={row.column}
                  onChange={(column) => setShift(i, { column })}
                  disabled={!form.source}
                  searchable
                  data-testid="drift-simulate-column"
                />
                <TextInput
                  size="sm"
                  w={240}
                  label={i === 0 ? 'Value' : undefined}
                  aria-label={kind.valueLabel}
                  leftSection={
                    <Text size="xs" c="dimmed">
                      {kind.valueLabel}
                    </Text>
                  }
                  leftSectionWidth={row.kind === 'categories' ? 68 : 84}
                  placeholder={kind.placeholder}
                  value={row.value}
                  onChange={(event) => setShift(i, { value: event.currentTarget.value })}
                  data-testid="drift-simulate-value"
                />
                <ActionIcon
                  size="lg"
                  variant="subtle"
                  color="gray"
                  aria-label="Remove this shift"
                  onClick={() => setForm({ ...form, shifts: form.shifts.filter((_, j) => j !== i) })}
                >
                  <IconX size={14} />
                </ActionIcon>
              </Group>
            );
          })}
          {errors?.shifts && (
            <Text size="xs" c="red" data-testid="drift-simulate-shifts-error">
              {errors.shifts}
            </Text>
          )}
          <Group>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => setForm({ ...form, shifts: [...form.shifts, emptyShift()] })}
              data-testid="drift-simulate-add-shift"
            >
              Add a shift
            </Button>
          </Group>
        </Stack>

        <SimpleGrid cols={3} spacing="sm">
          <Input.Wrapper size="sm" label="Gradually" description="Over windows timestamped in ts">
            <Switch
              mt={8}
              checked={form.gradual}
              onChange={(event) => setForm({ ...form, gradual: event.currentTarget.checked })}
              label={form.gradual ? 'Step by step' : 'All rows at once'}
              data-testid="drift-simulate-gradual"
            />
          </Input.Wrapper>
          <NumberInput
            size="sm"
            label="Windows"
            description="How many, the first unshifted"
            min={2}
            max={1000}
            value={form.windows}
            onChange={(windows) => setForm({ ...form, windows })}
            disabled={!form.gradual}
            error={errors?.windows}
            data-testid="drift-simulate-windows"
          />
          <Input.Wrapper size="sm" label="Every" description="Each window’s length">
            <SegmentedControl
              size="sm"
              fullWidth
              data={[
                { value: 'hour', label: 'Hour' },
                { value: 'day', label: 'Day' },
              ]}
              value={form.every}
              onChange={(every) => setForm({ ...form, every: every })}
              disabled={!form.gradual}
            />
          </Input.Wrapper>
        </SimpleGrid>
        <NumberInput
          size="sm"
          label="Seed"
          description="The same seed, the same copy"
          w={240}
          min={0}
          allowDecimal={false}
          value={form.seed}
          onChange={(seed) => setForm({ ...form, seed })}
          error={errors?.seed}
          data-testid="drift-simulate-seed"
        />

        {job && running && <JobProgressBar job={job} />}
        {error !== undefined && (
          <ErrorAlert
            error={error}
            title="The copy could not be made"
            onClose={() => {
              setStartError(undefined);
              setStarted(undefined);
            }}
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {running ? 'Close' : 'Cancel'}
          </Button>
          <Button onClick={() => void submit()} loading={running} data-testid="drift-simulate-submit">
            Make the copy
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
