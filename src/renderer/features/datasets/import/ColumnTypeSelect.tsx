import { Group, Select, Text } from '@mantine/core';
import classes from './ImportOptionsDialog.module.css';
import { typeChoices } from './importOptionsForm.js';

/** A preview column's type: the detected one unless the user picks another; shown in its header. */
export function ColumnTypeSelect(props: {
  column: string;
  detected: string;
  value: string;
  overridden: boolean;
  /** Right for a numeric column, so the type lines up with its name and its numbers. */
  align: 'left' | 'right';
  onChange: (type: string | null) => void;
}) {
  return (
    <Select
      size="xs"
      allowDeselect={false}
      withCheckIcon={false}
      data={typeChoices(props.detected)}
      value={props.value}
      onChange={props.onChange}
      aria-label={`Type of ${props.column}`}
      title={
        props.overridden
          ? `Read as ${props.value}; detected ${props.detected}`
          : `Detected ${props.detected}; pick another type to read the column as`
      }
      classNames={{ input: classes.typeInput, section: classes.typeChevron }}
      styles={{
        // A wide column does not stretch the picker; a numeric one keeps it at the right edge.
        root: { maxWidth: 180, marginLeft: props.align === 'right' ? 'auto' : undefined },
        input: { textAlign: props.align },
      }}
      data-overridden={props.overridden || undefined}
      data-column={props.column}
      data-testid="import-column-type"
      comboboxProps={{ withinPortal: true, width: 'max-content', position: 'bottom-start' }}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
          <Text size="xs" ff="monospace">
            {option.value}
          </Text>
          {option.value === props.detected && (
            <Text size="xs" c="dimmed">
              detected
            </Text>
          )}
        </Group>
      )}
    />
  );
}
