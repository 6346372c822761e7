import { Badge, Button, Group, NumberInput, Popover, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconRulerMeasure } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { ModelRef } from '../../../../shared/contract/modelRegistry.js';
import { observedShapesSchema, type ObservedShapes } from '../../../../shared/contract/modelShapes.js';
import type { GraphSummary } from '../../../../shared/contract/modelSummary.js';
import type { ShapeRow } from '../../../../shared/models/shapeRows.js';
import { useClient } from '../../../app/query/clientContext.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { useLabJob } from '../lab/useLabJob.js';

/** The named symbolic dimensions of the graph's inputs, in order of first use. */
export function symbolicDims(graph: GraphSummary): string[] {
  const names = graph.inputs.flatMap((input) =>
    input.type?.kind === 'tensor' ? (input.type.shape ?? []).filter((d) => typeof d === 'string') : [],
  );
  return [...new Set(names)];
}

/** Observation jobs whose shapes were handed to the graph already (the graph may have cleared them since). */
const delivered = new Set<string>();

/**
 * "Observe shapes": runs the model once on a generated input (a job, with progress and cancel) and
 * hands the shapes to the graph; the popover asks for the sizes of the inputs' symbolic dimensions.
 */
export function ObserveShapes({
  model,
  graph,
  rows,
  lastDims,
  onObserved,
}: {
  model: ModelRef;
  graph: GraphSummary;
  /** The sizes the last observation used: the form starts from them. */
  lastDims: Record<string, number> | null;
  /** The last observation, compared with the inferred shapes; null before one. */
  rows: readonly ShapeRow[] | null;
  onObserved: (observed: ObservedShapes | null) => void;
}) {
  const client = useClient();
  const dimNames = symbolicDims(graph);
  const [dims, setDims] = useState<Record<string, number>>(() => lastDims ?? {});
  const [fill, setFill] = useState<'random' | 'zeros'>('random');
  const [opened, setOpened] = useState(false);
  // Followed like the other lab jobs: leaving the Graph tab mid-run and coming back finds it.
  const observe = useLabJob(`observe:${JSON.stringify(model)}`, (result) =>
    observedShapesSchema.parse(result),
  );
  const current = observe.job;
  const { running } = observe;

  // A finished job's result goes to the graph once, even if the tab is left and opened again.
  useEffect(() => {
    if (current?.status !== 'succeeded' || !observe.result || delivered.has(current.id)) return;
    delivered.add(current.id);
    onObserved(observe.result);
  }, [current, observe.result, onObserved]);

  const start = () =>
    observe.start(() =>
      client.call('models.observeShapes', {
        model,
        dims: Object.fromEntries(dimNames.map((name) => [name, dims[name] ?? 1])),
        fill,
      }),
    );

  const mismatches = rows?.filter((row) => row.verdict === 'mismatch').length ?? 0;
  return (
    <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
      {rows && (
        <Badge
          variant="light"
          color={mismatches > 0 ? 'red' : 'teal'}
          data-testid="observed-badge"
          title={
            mismatches > 0
              ? 'Edges show observed shapes (teal); those that differ from the inferred ones are red, here and in the details panel'
              : 'Edges show observed shapes (teal); all agree with the inferred ones'
          }
        >
          {mismatches > 0 ? `${mismatches} mismatch${mismatches === 1 ? '' : 'es'}` : 'shapes match'}
        </Badge>
      )}
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} withArrow shadow="md">
        <Popover.Target>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRulerMeasure size={14} />}
            loading={running}
            onClick={() => setOpened((o) => !o)}
            data-testid="observe-shapes"
          >
            Observe shapes
          </Button>
        </Popover.Target>
        <Popover.Dropdown data-testid="observe-shapes-panel">
          <Stack gap="xs">
            <Text size="xs">
              Runs the model once on a generated input and records the type and shape of every value, next to
              the inferred ones.
            </Text>
            {dimNames.length === 0 ? (
              <Text size="xs" c="dimmed">
                The inputs have fixed shapes.
              </Text>
            ) : (
              dimNames.map((name) => (
                <NumberInput
                  key={name}
                  size="xs"
                  label={`Size of ${name}`}
                  min={0}
                  max={1_000_000}
                  allowDecimal={false}
                  value={dims[name] ?? 1}
                  onChange={(value) =>
                    setDims((d) => ({ ...d, [name]: typeof value === 'number' ? value : 1 }))
                  }
                  data-testid={`observe-dim-${name}`}
                />
              ))
            )}
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="xs" fw={500}>
                Input values
              </Text>
              <SegmentedControl
                size="xs"
                value={fill}
                onChange={(value) => setFill(value === 'zeros' ? 'zeros' : 'random')}
                data={[
                  { value: 'random', label: 'Random' },
                  // Zeros keep index inputs (Gather, Embedding) in range where random values may not.
                  { value: 'zeros', label: 'Zeros' },
                ]}
                data-testid="observe-fill"
              />
            </Group>
            <Group gap="xs" justify="flex-end">
              {rows && !running && (
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => onObserved(null)}
                  data-testid="observe-clear"
                >
                  Show inferred only
                </Button>
              )}
              {running && current ? (
                <Button size="xs" variant="default" onClick={observe.cancel} data-testid="observe-cancel">
                  Cancel
                </Button>
              ) : (
                <Button size="xs" onClick={() => void start()} data-testid="observe-run">
                  Run
                </Button>
              )}
            </Group>
            <ObserveStatus
              job={current}
              error={current?.status === 'failed' ? undefined : observe.error}
              rows={rows}
            />
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

function ObserveStatus({
  job,
  error,
  rows,
}: {
  job: Job | undefined;
  error: unknown;
  rows: readonly ShapeRow[] | null;
}) {
  if (error !== undefined) return <ErrorAlert error={error} title="Could not start the run" />;
  if (!job) return null;
  if (job.status === 'failed') return <ErrorAlert error={job.error} title="The model could not be run" />;
  if (job.status === 'cancelled')
    return (
      <Text size="xs" c="dimmed" data-testid="observe-status">
        Cancelled.
      </Text>
    );
  if (job.status === 'succeeded' && rows) {
    const seen = rows.filter((row) => row.observed).length;
    const mismatches = rows.filter((row) => row.verdict === 'mismatch').length;
    return (
      <Text size="xs" data-testid="observe-status">
        Observed {seen} of {rows.length} values
        {mismatches > 0 ? `; ${mismatches} differ from the inferred shapes (red)` : ''}.
        {seen < rows.length ? ' Values inside If/Loop/Scan bodies cannot be observed.' : ''}
      </Text>
    );
  }
  return <JobProgressBar job={job} />;
}
