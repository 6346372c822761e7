import { Button, Group, Kbd, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useState } from 'react';
import type { DiffOptions } from '../../../../shared/contract/modelLab.js';
import { parseDims } from '../lab/formValues.js';
import { DimSizeFields } from '../lab/DimSizeFields.js';

export type DiffRequest = Pick<DiffOptions, 'samples' | 'batch' | 'dims'> & { other: string };

interface Values {
  other: string | null;
  samples: number | string;
  batch: number | string;
  dims: Record<string, string>;
}

/** What was typed per model, so leaving the tab and coming back keeps it. */
const drafts = new Map<string, Values>();

/** The other side (`name@version`) and the sampling options; Enter in any field starts. */
export function CompareForm({
  modelKey,
  options,
  defaultOther,
  dimNames,
  busy,
  onStart,
}: {
  modelKey: string;
  options: { group: string; items: { value: string; label: string }[] }[];
  defaultOther: string | null;
  dimNames: string[];
  busy: boolean;
  onStart: (request: DiffRequest) => void;
}) {
  const [values, setValues] = useState<Values>(
    () => drafts.get(modelKey) ?? { other: defaultOther, samples: 16, batch: 1, dims: {} },
  );
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const set = (change: Partial<Values>) =>
    setValues((current) => {
      const next = { ...current, ...change };
      drafts.set(modelKey, next);
      return next;
    });
  const submit = () => {
    const dims = parseDims(dimNames, values.dims);
    setProblem(dims.ok ? undefined : dims.message);
    if (!dims.ok || !values.other || busy) return;
    onStart({
      other: values.other,
      samples: Math.min(10_000, Math.max(1, Math.round(Number(values.samples) || 1))),
      batch: Math.min(65_536, Math.max(1, Math.round(Number(values.batch) || 1))),
      dims: dims.value,
    });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="compare-form"
    >
      <Stack gap="xs">
        <Group gap="md" align="flex-start" wrap="wrap">
          <Select
            label="Compare with (A)"
            size="xs"
            w={260}
            searchable
            data={options}
            value={values.other}
            onChange={(other) => set({ other })}
            allowDeselect={false}
            data-testid="compare-other"
          />
          <NumberInput
            label="Samples"
            size="xs"
            w={100}
            min={1}
            max={10_000}
            allowDecimal={false}
            value={values.samples}
            onChange={(samples) => set({ samples })}
            data-testid="compare-samples"
          />
          <NumberInput
            label="Batch"
            size="xs"
            w={90}
            min={1}
            max={65_536}
            allowDecimal={false}
            value={values.batch}
            onChange={(batch) => set({ batch })}
            data-testid="compare-batch"
          />
          <DimSizeFields
            names={dimNames}
            sizes={values.dims}
            onChange={(dims) => set({ dims })}
            problem={problem}
            testIdPrefix="compare-dim"
          />
        </Group>
        <Group gap="sm">
          <Button
            type="submit"
            size="xs"
            leftSection={<IconArrowsDiff size={14} />}
            disabled={busy || !values.other}
            data-testid="compare-start"
          >
            Compare
          </Button>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> in a field starts it · both models run the same generated inputs
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
