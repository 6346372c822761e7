import { Button, Group, Kbd, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { BenchOptions } from '../../../../shared/contract/modelLab.js';
import type { ExecutionProvider } from '../../../../shared/contract/executionProviders.js';
import { parseDims, parseSizes } from '../lab/formValues.js';
import type { GraphOptimization } from '../../../../shared/contract/graphOptimization.js';
import { OptimizationControl } from '../session/OptimizationControl.js';
import { ProviderSelect } from '../session/ProviderSelect.js';
import { DimSizeFields } from '../lab/DimSizeFields.js';

export type BenchRequest = Pick<
  BenchOptions,
  'batches' | 'threads' | 'runs' | 'warmup' | 'dims' | 'graphOptimization' | 'executionProvider'
>;

interface Values {
  batches: string;
  threads: string;
  runs: number | string;
  warmup: number | string;
  dims: Record<string, string>;
  optimization: GraphOptimization;
  provider: ExecutionProvider;
}

/** What was typed per model, so leaving the tab and coming back keeps it. */
const drafts = new Map<string, Values>();
const DEFAULTS: Values = {
  batches: '1, 8',
  threads: '1, 2',
  runs: 50,
  warmup: 5,
  dims: {},
  optimization: 'all',
  provider: 'cpu',
};

/** The benchmark's grid and settings; Enter in any field starts it. */
export function BenchForm({
  modelKey,
  dimNames,
  busy,
  onStart,
}: {
  modelKey: string;
  dimNames: string[];
  busy: boolean;
  onStart: (request: BenchRequest) => void;
}) {
  const [values, setValues] = useState<Values>(() => drafts.get(modelKey) ?? DEFAULTS);
  const [problems, setProblems] = useState<Partial<Record<'batches' | 'threads' | 'dims', string>>>({});
  const set = (change: Partial<Values>) =>
    setValues((current) => {
      const next = { ...current, ...change };
      drafts.set(modelKey, next);
      return next;
    });

  const submit = () => {
    const batches = parseSizes(values.batches, 65_536);
    const threads = parseSizes(values.threads, 256);
    const dims = parseDims(dimNames, values.dims);
    const found = {
      ...(batches.ok ? {} : { batches: batches.message }),
      ...(threads.ok ? {} : { threads: threads.message }),
      ...(dims.ok ? {} : { dims: dims.message }),
    };
    setProblems(found);
    if (!batches.ok || !threads.ok || !dims.ok || busy) return;
    onStart({
      batches: batches.value,
      threads: threads.value,
      runs: Math.max(1, Math.round(Number(values.runs) || 1)),
      warmup: Math.max(0, Math.round(Number(values.warmup) || 0)),
      dims: dims.value,
      graphOptimization: values.optimization,
      executionProvider: values.provider,
    });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="bench-form"
    >
      <Stack gap="xs">
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput
            label="Batch sizes"
            size="xs"
            w={150}
            value={values.batches}
            onChange={(event) => set({ batches: event.currentTarget.value })}
            error={problems.batches}
            data-testid="bench-batches"
          />
          <TextInput
            label="Intra-op threads"
            size="xs"
            w={130}
            value={values.threads}
            onChange={(event) => set({ threads: event.currentTarget.value })}
            error={problems.threads}
            data-testid="bench-threads"
          />
          <NumberInput
            label="Runs per cell"
            size="xs"
            w={110}
            min={1}
            max={100_000}
            allowDecimal={false}
            value={values.runs}
            onChange={(runs) => set({ runs })}
            data-testid="bench-runs"
          />
          <NumberInput
            label="Warm-up runs"
            size="xs"
            w={110}
            min={0}
            max={10_000}
            allowDecimal={false}
            value={values.warmup}
            onChange={(warmup) => set({ warmup })}
            data-testid="bench-warmup"
          />
          <DimSizeFields
            names={dimNames}
            sizes={values.dims}
            onChange={(dims) => set({ dims })}
            problem={problems.dims}
            testIdPrefix="bench-dim"
          />
          <ProviderSelect
            value={values.provider}
            onChange={(provider) => set({ provider })}
            testId="bench-provider"
          />
          <OptimizationControl
            value={values.optimization}
            onChange={(optimization) => set({ optimization })}
            testId="bench-optimization"
          />
        </Group>
        <Group gap="sm">
          <Button
            type="submit"
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            disabled={busy}
            data-testid="bench-start"
          >
            Run benchmark
          </Button>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> in a field starts it · every batch size × thread count is a cell
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
