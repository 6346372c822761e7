import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { opTakesValue, type FilterOp, type TableFilter } from '../../../../shared/contract/tables.js';
import { filterValue, opLabels, opsFor, type ColumnFamily } from './columnTypes.js';

/** One column's filter: the ops its type allows, a value box, Apply (or Enter) and Clear. */
export function FilterForm(props: {
  column: string;
  family: ColumnFamily;
  current: TableFilter | undefined;
  onApply: (filter: TableFilter | undefined) => void;
}) {
  const { column, family, current, onApply } = props;
  const ops = opsFor(family);
  const [op, setOp] = useState<FilterOp>(current?.op ?? ops[0] ?? 'eq');
  const [text, setText] = useState(current?.value === undefined ? '' : String(current.value));
  const needsValue = opTakesValue(op);
  const canApply = !needsValue || text.trim() !== '';
  const apply = (): void => {
    if (!canApply) return;
    onApply(needsValue ? { column, op, value: filterValue(family, text) } : { column, op });
  };
  const placeholder =
    family === 'temporal'
      ? '2024-01-31'
      : family === 'number'
        ? 'a number'
        : family === 'boolean'
          ? 'true or false'
          : 'text';
  return (
    <Stack gap="xs" w={240} data-testid="filter-form">
      <NativeSelect
        size="xs"
        label={`Filter ${column}`}
        value={op}
        onChange={(event) => setOp(event.currentTarget.value as FilterOp)}
        data={ops.map((value) => ({ value, label: opLabels[value] }))}
        aria-label="Filter operation"
      />
      {needsValue && (
        <TextInput
          size="xs"
          data-autofocus
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply();
          }}
          aria-label="Filter value"
        />
      )}
      <Group justify="flex-end" gap="xs">
        {current && (
          <Button size="xs" variant="subtle" color="gray" onClick={() => onApply(undefined)}>
            Clear
          </Button>
        )}
        <Button size="xs" onClick={apply} disabled={!canApply}>
          Apply
        </Button>
      </Group>
    </Stack>
  );
}
