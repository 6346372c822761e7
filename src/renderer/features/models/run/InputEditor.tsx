import {
  Badge,
  Button,
  CloseButton,
  FileButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { fillText, formatShape, resolveShape } from './tensorInput.js';

export interface InputState {
  /** The values as the user typed them (JSON). */
  text: string;
  /** Chosen sizes for symbolic or unknown dims, by axis. */
  dims: Record<number, number>;
  /** A NumPy array loaded from a file, used instead of the text while it is set. */
  file?: { name: string; tensor: TensorValue };
}

/**
 * One model input: name, type, shape (a number field per symbolic dim) and its values, typed as JSON
 * or loaded from a NumPy file (picked or dropped on the input).
 */
export function InputEditor({
  input,
  state,
  problem,
  onChange,
  onLoadFile,
}: {
  input: ValueInfo;
  state: InputState;
  problem: string | undefined;
  onChange: (state: InputState) => void;
  onLoadFile: (file: File) => void;
}) {
  const shape = input.shape ?? [];
  const dims = resolveShape(shape, state.dims);
  const type = input.type;
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && type !== null) onLoadFile(file);
  };
  const { file } = state;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="run-input"
      data-name={input.name}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={
        dragging ? { borderColor: 'var(--mantine-primary-color-filled)', borderStyle: 'dashed' } : undefined
      }
    >
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
        {file ? (
          <Group gap="xs" wrap="nowrap" data-testid="run-input-file">
            <IconFileUpload size={14} style={{ flexShrink: 0 }} />
            <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {file.name}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {file.tensor.type} [{file.tensor.dims.join(', ')}]
            </Text>
            <CloseButton
              size="sm"
              aria-label={`Stop using ${file.name}`}
              onClick={() => onChange({ text: state.text, dims: state.dims })}
              data-testid="run-input-file-clear"
            />
          </Group>
        ) : (
          <Textarea
            size="xs"
            autosize
            minRows={2}
            maxRows={8}
            placeholder={`JSON: a nested array, a {"dims", "type", "data"} tensor, or a flat list of ${dims.reduce((a, b) => a * b, 1).toLocaleString('en-US')} values for [${dims.join(', ')}]`}
            value={state.text}
            onChange={(event) => onChange({ ...state, text: event.currentTarget.value })}
            error={problem}
            errorProps={{ 'data-testid': 'run-input-problem' }}
            disabled={type === null}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="run-input-values"
          />
        )}
        {file && problem && (
          <Text size="xs" c="red" data-testid="run-input-problem">
            {problem}
          </Text>
        )}
        {type !== null && (
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onChange({ dims: state.dims, text: fillText('zeros', type, dims) })}
              data-testid="run-input-zeros"
            >
              Zeros
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onChange({ dims: state.dims, text: fillText('random', type, dims) })}
              data-testid="run-input-random"
            >
              Random
            </Button>
            <FileButton onChange={(picked) => picked && onLoadFile(picked)} accept=".npy,.npz">
              {(props) => (
                <Button
                  {...props}
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconFileUpload size={12} />}
                  data-testid="run-input-load"
                >
                  Load .npy
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              or drop a NumPy file here
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
