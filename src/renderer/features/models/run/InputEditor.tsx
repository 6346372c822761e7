import { Badge, Button, Group, NumberInput, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { fillText, formatShape, resolveShape } from './tensorInput.js';

export interface InputState {
  /** The values as the user typed them (JSON). */
  text: string;
  /** Chosen sizes for symbolic or unknown dims, by axis. */
  dims: Record<number, number>;
}

/** One model input: name, type, shape (a number field per symbolic dim) and its values as JSON. */
export function InputEditor({
  input,
  state,
  problem,
  onChange,
}: {
  input: ValueInfo;
  state: InputState;
  problem: string | undefined;
  onChange: (state: InputState) => void;
}) {
  const shape = input.shape ?? [];
  const dims = resolveShape(shape, state.dims);
  const type = input.type;
  return (
    <Paper withBorder p="sm" data-testid="run-input" data-name={input.name}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {input.name}
          </Text>
          <Badge size="sm" variant="light" color="gray">
            {type ?? 'not a tensor'}
          </Badge>
          <Text size="xs" c="dimmed" ff="monospace" data-testid="run-input-shape">
            {formatShape(input.shape)}
          </Text>
          {shape.map((dim, axis) =>
            typeof dim === 'number' && dim >= 0 ? null : (
              <NumberInput
                key={axis}
                size="xs"
                w={110}
                min={1}
                max={1_000_000}
                allowDecimal={false}
                leftSection={
                  <Text size="xs" c="dimmed" ff="monospace" px={4}>
                    {dim ?? '?'}
                  </Text>
                }
                leftSectionWidth={Math.max(28, String(dim ?? '?').length * 8 + 12)}
                value={state.dims[axis] ?? 1}
                onChange={(value) =>
                  onChange({
                    ...state,
                    dims: { ...state.dims, [axis]: typeof value === 'number' ? value : 1 },
                  })
                }
                aria-label={`Size of ${dim ?? 'unknown dimension'}`}
                data-testid="run-input-dim"
              />
            ),
          )}
          {input.shape === null && (
            <Text size="xs" c="dimmed">
              (the model does not declare a shape; enter one value)
            </Text>
          )}
        </Group>
        <Textarea
          size="xs"
          autosize
          minRows={2}
          maxRows={8}
          placeholder={`JSON: a nested array or a flat list of ${dims.reduce((a, b) => a * b, 1).toLocaleString('en-US')} values for [${dims.join(', ')}]`}
          value={state.text}
          onChange={(event) => onChange({ ...state, text: event.currentTarget.value })}
          error={problem}
          errorProps={{ 'data-testid': 'run-input-problem' }}
          disabled={type === null}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="run-input-values"
        />
        {type !== null && (
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onChange({ ...state, text: fillText('zeros', type, dims) })}
              data-testid="run-input-zeros"
            >
              Zeros
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onChange({ ...state, text: fillText('random', type, dims) })}
              data-testid="run-input-random"
            >
              Random
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
