import {
  Accordion,
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RegistryModel } from '../../../../shared/contract/modelRegistry.js';
import {
  columnKinds,
  driftTests,
  type ColumnKind,
  type DriftTestName,
} from '../../../../shared/drift/driftTests.js';
import { testOptions } from './columnKind.js';
import type { DriftForm, DriftFormErrors } from './driftForm.js';

export interface KnownColumn {
  name: string;
  /** What the drift service will most likely read it as; null when the profile cannot tell. */
  kind: ColumnKind | null;
}

const KIND_LABELS: Record<ColumnKind, string> = {
  numeric: 'Numeric',
  categorical: 'Categorical',
  binary: 'Binary',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The optional settings, folded: columns left out or renamed, tests and thresholds, verdict and windows. */
export function SettingsPanel({
  form,
  onChange,
  baselineColumns,
  currentColumns,
  models,
  errors,
}: {
  form: DriftForm;
  onChange: (form: DriftForm) => void;
  /** Empty when the side's columns are not known before the run (a file or captures). */
  baselineColumns: KnownColumn[];
  currentColumns: string[];
  /** The registry, for prediction drift; undefined while it is read. */
  models: RegistryModel[] | undefined;
  errors: DriftFormErrors | undefined;
}) {
  const set = <K extends keyof DriftForm>(key: K, value: DriftForm[K]) => onChange({ ...form, [key]: value });
  const names = baselineColumns.map((column) => column.name);
  const kindOf = (name: string): ColumnKind | null =>
    form.kinds.find((row) => row.column === name)?.kind ??
    baselineColumns.find((column) => column.name === name)?.kind ??
    null;

  const mapped = form.mapping.filter((row) => row.from && row.to).length;
  const columnsSummary =
    [form.ignore.length ? `${form.ignore.length} ignored` : '', mapped ? `${mapped} mapped` : '']
      .filter(Boolean)
      .join(', ') || 'all compared by name';
  const overrides =
    form.columnTests.filter((row) => row.column && row.test).length +
    Object.values(form.kindTests).filter((row) => row?.test).length +
    form.kinds.filter((row) => row.column && row.kind).length;
  const testsSummary = overrides ? plural(overrides, 'override') : 'Evidently’s default per column';
  const verdictSummary = `${form.checkConstraints ? 'constraints checked, ' : ''}drifts at ${form.datasetSharePercent === '' ? '?' : form.datasetSharePercent}% of columns${
    form.window === 'none' ? '' : `, per ${form.window}`
  }`;

  const chosenModel = models?.find((model) => model.name === form.model);
  const predictionsSummary = form.model
    ? `${form.model}@${form.modelVersion === 'latest' ? 'latest' : form.modelVersion}${form.label ? `, label ${form.label}` : ''}`
    : 'no model';

  return (
    <Accordion multiple variant="contained" chevronPosition="left" data-testid="drift-settings">
      <Accordion.Item value="columns">
        <Accordion.Control data-testid="drift-settings-columns">
          <Label title="Columns" summary={columnsSummary} />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <TagsInput
              size="xs"
              label="Columns to ignore"
              description="Ids, timestamps, free text: columns whose change says nothing about drift."
              placeholder={names.length ? 'Pick or type a column' : 'Type a column name and press Enter'}
              data={names}
              value={form.ignore}
              onChange={(ignore) => set('ignore', ignore)}
              clearable
              data-testid="drift-ignore"
            />
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Column mapping
              </Text>
              <Text size="xs" c="dimmed">
                For a column named differently on the current side.
              </Text>
              {form.mapping.map((row, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <Autocomplete
                    size="xs"
                    placeholder="Baseline column"
                    aria-label="Baseline column"
                    data={names}
                    value={row.from}
                    onChange={(from) =>
                      set(
                        'mapping',
                        form.mapping.map((r, j) => (j === i ? { ...r, from } : r)),
                      )
                    }
                    flex={1}
                  />
                  <Text size="xs" c="dimmed" pt={6}>
                    →
                  </Text>
                  <Autocomplete
                    size="xs"
                    placeholder="Current column"
                    aria-label="Current column"
                    data={currentColumns}
                    value={row.to}
                    onChange={(to) =>
                      set(
                        'mapping',
                        form.mapping.map((r, j) => (j === i ? { ...r, to } : r)),
                      )
                    }
                    flex={1}
                  />
                  <RemoveRow
                    onClick={() =>
                      set(
                        'mapping',
                        form.mapping.filter((_, j) => j !== i),
                      )
                    }
                  />
                </Group>
              ))}
              {errors?.mapping && (
                <Text size="xs" c="red">
                  {errors.mapping}
                </Text>
              )}
              <AddRow onClick={() => set('mapping', [...form.mapping, { from: '', to: '' }])}>
                Map a column
              </AddRow>
            </Stack>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="tests">
        <Accordion.Control data-testid="drift-settings-tests">
          <Label title="Tests and thresholds" summary={testsSummary} />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Per kind
              </Text>
              <Text size="xs" c="dimmed">
                Left empty, a baseline of up to 1,000 rows gets exact tests (KS, chi-square, Z) and a larger
                one distances (Wasserstein, Jensen-Shannon), as Evidently does.
              </Text>
              {columnKinds.map((kind) => {
                const row = form.kindTests[kind] ?? { test: null, threshold: '' };
                return (
                  <TestRow
                    key={kind}
                    label={
                      <Text size="xs" w={200}>
                        {KIND_LABELS[kind]}
                      </Text>
                    }
                    kind={kind}
                    test={row.test}
                    threshold={row.threshold}
                    onChange={(next) => set('kindTests', { ...form.kindTests, [kind]: next })}
                    testId={`drift-kind-test-${kind}`}
                  />
                );
              })}
            </Stack>
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Per column
              </Text>
              {form.columnTests.map((row, i) => (
                <TestRow
                  key={i}
                  label={
                    <ColumnInput
                      names={names}
                      value={row.column}
                      onChange={(column) =>
                        set(
                          'columnTests',
                          form.columnTests.map((r, j) => (j === i ? { ...r, column } : r)),
                        )
                      }
                    />
                  }
                  kind={kindOf(row.column)}
                  test={row.test}
                  threshold={row.threshold}
                  onChange={(next) =>
                    set(
                      'columnTests',
                      form.columnTests.map((r, j) => (j === i ? { ...r, ...next } : r)),
                    )
                  }
                  onRemove={() =>
                    set(
                      'columnTests',
                      form.columnTests.filter((_, j) => j !== i),
                    )
                  }
                  testId="drift-column-test"
                />
              ))}
              <AddRow
                onClick={() =>
                  set('columnTests', [...form.columnTests, { column: '', test: null, threshold: '' }])
                }
              >
                Choose a column’s test
              </AddRow>
            </Stack>
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Read a column as
              </Text>
              <Text size="xs" c="dimmed">
                A numeric code that is really a category (a zip code, a product id).
              </Text>
              {form.kinds.map((row, i) => (
                <Group key={i} gap="xs" wrap="nowrap">
                  <ColumnInput
                    names={names}
                    value={row.column}
                    onChange={(column) =>
                      set(
                        'kinds',
                        form.kinds.map((r, j) => (j === i ? { ...r, column } : r)),
                      )
                    }
                  />
                  <SegmentedControl
                    size="xs"
                    data={columnKinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
                    value={row.kind ?? ''}
                    onChange={(kind) =>
                      set(
                        'kinds',
                        form.kinds.map((r, j) => (j === i ? { ...r, kind: kind as ColumnKind } : r)),
                      )
                    }
                  />
                  <RemoveRow
                    onClick={() =>
                      set(
                        'kinds',
                        form.kinds.filter((_, j) => j !== i),
                      )
                    }
                  />
                </Group>
              ))}
              <AddRow onClick={() => set('kinds', [...form.kinds, { column: '', kind: 'categorical' }])}>
                Set a column’s kind
              </AddRow>
            </Stack>
            {errors?.tests && (
              <Text size="xs" c="red">
                {errors.tests}
              </Text>
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="verdict">
        <Accordion.Control data-testid="drift-settings-verdict">
          <Label title="Verdict and windows" summary={verdictSummary} />
        </Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              size="xs"
              label="Data set drifts at"
              description="This share of its compared columns drifting"
              suffix="%"
              min={1}
              max={100}
              clampBehavior="strict"
              value={form.datasetSharePercent}
              onChange={(value) => set('datasetSharePercent', value)}
              error={errors?.datasetShare}
              data-testid="drift-share"
            />
            <Input.Wrapper
              size="xs"
              label="Windows"
              description="Compare each hour or day of the current side too"
            >
              <SegmentedControl
                size="xs"
                fullWidth
                data={[
                  { value: 'none', label: 'None' },
                  { value: 'hour', label: 'Hour' },
                  { value: 'day', label: 'Day' },
                ]}
                value={form.window}
                onChange={(value) => set('window', value)}
                data-testid="drift-window"
              />
            </Input.Wrapper>
            <Autocomplete
              size="xs"
              label="Time column"
              description={
                form.current.kind === 'captures'
                  ? 'Captures carry their own time'
                  : 'The current side’s timestamp'
              }
              placeholder={form.current.kind === 'captures' ? 'capture time' : 'e.g. ts'}
              data={currentColumns}
              value={form.timeColumn}
              onChange={(timeColumn) => set('timeColumn', timeColumn)}
              disabled={form.window === 'none'}
              error={errors?.window}
              data-testid="drift-time-column"
            />
          </SimpleGrid>
          <Checkbox
            mt="sm"
            size="xs"
            label="Also check the current side against constraints suggested from the baseline"
            description="Its types, completeness, numeric ranges and categories, as SageMaker Model Monitor suggests them"
            checked={form.checkConstraints}
            onChange={(event) => set('checkConstraints', event.currentTarget.checked)}
            data-testid="drift-check-constraints"
          />
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="predictions">
        <Accordion.Control data-testid="drift-settings-predictions">
          <Label title="Predictions" summary={predictionsSummary} />
        </Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              size="xs"
              label="Model"
              description="Run on both sides to compare its outputs"
              data={[
                { value: '', label: 'None' },
                ...(models ?? []).map((model) => ({ value: model.name, label: model.name })),
              ]}
              value={form.model ?? ''}
              onChange={(value) => onChange({ ...form, model: value || null, modelVersion: 'latest' })}
              allowDeselect={false}
              searchable
              nothingFoundMessage="No registered model by that name"
              placeholder={models ? undefined : 'Reading the registry…'}
              data-testid="drift-model"
            />
            <Select
              size="xs"
              label="Version"
              description="Latest is read when the report runs"
              data={[
                { value: 'latest', label: chosenModel ? `Latest (v${chosenModel.latest})` : 'Latest' },
                ...(chosenModel?.versions ?? [])
                  .map((card) => ({ value: String(card.version), label: `v${card.version}` }))
                  .reverse(),
              ]}
              value={form.modelVersion}
              onChange={(value) => set('modelVersion', value ?? 'latest')}
              allowDeselect={false}
              disabled={!form.model}
              data-testid="drift-model-version"
            />
            {names.length > 0 ? (
              <Select
                size="xs"
                label="Label column"
                description="The true values, for the model’s quality"
                placeholder={form.model ? 'None' : 'Pick a model first'}
                data={names}
                value={form.label}
                onChange={(label) => set('label', label)}
                clearable
                searchable
                disabled={!form.model}
                data-testid="drift-label"
              />
            ) : (
              // A file's or the captures' columns are known only once the report runs.
              <Autocomplete
                size="xs"
                label="Label column"
                description="The true values, for the model’s quality"
                placeholder={form.model ? 'None' : 'Pick a model first'}
                data={[]}
                value={form.label ?? ''}
                onChange={(label) => set('label', label.trim() ? label : null)}
                disabled={!form.model}
                data-testid="drift-label"
              />
            )}
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

function Label({ title, summary }: { title: string; summary: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={500}>
        {title}
      </Text>
      <Text size="xs" c="dimmed" className="mlw-truncate">
        {summary}
      </Text>
    </Group>
  );
}

function TestRow({
  label,
  kind,
  test,
  threshold,
  onChange,
  onRemove,
  testId,
}: {
  label: ReactNode;
  kind: ColumnKind | null;
  test: DriftTestName | null;
  threshold: number | string;
  onChange: (row: { test: DriftTestName | null; threshold: number | string }) => void;
  onRemove?: () => void;
  testId: string;
}) {
  const info = test ? driftTests[test] : undefined;
  return (
    <Group gap="xs" wrap="nowrap" data-testid={testId}>
      {label}
      <Select
        size="xs"
        placeholder="Default"
        aria-label="Test"
        data-testid="drift-test-choice"
        data={testOptions(kind)}
        value={test}
        onChange={(value) => onChange({ test: value, threshold })}
        clearable
        w={300}
        comboboxProps={{ width: 280, position: 'bottom-start' }}
      />
      <NumberInput
        size="xs"
        w={132}
        aria-label="Threshold"
        data-testid="drift-test-threshold"
        placeholder={info ? String(info.defaultThreshold) : 'Default'}
        min={0}
        step={0.01}
        decimalScale={6}
        value={threshold}
        onChange={(value) => onChange({ test, threshold: value })}
        leftSection={
          info ? (
            <Text size="xs" c="dimmed">
              {info.score === 'p_value' ? 'p <' : '≥'}
            </Text>
          ) : undefined
        }
      />
      {onRemove && <RemoveRow onClick={onRemove} />}
    </Group>
  );
}

function ColumnInput({
  names,
  value,
  onChange,
}: {
  names: string[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Autocomplete
      size="xs"
      w={200}
      placeholder="Column"
      aria-label="Column"
      data-testid="drift-override-column"
      data={names}
      value={value}
      onChange={onChange}
    />
  );
}

function RemoveRow({ onClick }: { onClick: () => void }) {
  return (
    <ActionIcon size="sm" aria-label="Remove this row" onClick={onClick} mt={4}>
      <IconX size={14} />
    </ActionIcon>
  );
}

function AddRow({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Group>
      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}
