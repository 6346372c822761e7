import { Badge, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { DriftReport } from '../../../../shared/contract/drift.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';

type Checked = NonNullable<DriftReport['constraints']>;

const CHECKS: Record<Checked['violations'][number]['check'], string> = {
  type: 'Type',
  completeness: 'Completeness',
  'missing-column': 'Missing column',
  'extra-column': 'Extra column',
  'unknown-category': 'Unknown category',
  'out-of-range': 'Out of range',
};

/** What the current side broke of the baseline's constraints, as the report recorded it. */
export function ConstraintViolations({ constraints }: { constraints: Checked }) {
  const source = constraints.source === 'suggested' ? 'suggested from the baseline' : 'as edited';
  if (constraints.violations.length === 0)
    return (
      <EmptyTab title="Every constraint held" testId="drift-constraints-empty">
        The current side met the {formatCount(constraints.constraints.columns.length)} column constraints (
        {source}).
      </EmptyTab>
    );
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="xs" p="md" maw={1100}>
        <Text size="xs" c="dimmed">
          {formatCount(constraints.violations.length)} violations of the{' '}
          {formatCount(constraints.constraints.columns.length)} column constraints, {source}.
        </Text>
        <Table data-testid="drift-constraint-violations" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={260}>Column</Table.Th>
              <Table.Th w={150}>Check</Table.Th>
              <Table.Th w={90} className="mlw-num">
                Rows
              </Table.Th>
              <Table.Th>What broke</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {constraints.violations.map((violation) => (
              <Table.Tr key={`${violation.check}-${violation.column}`} data-check={violation.check}>
                <Table.Td>
                  <Text size="xs" fw={500} className="mlw-truncate" title={violation.column}>
                    {violation.column}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color="orange">
                    {CHECKS[violation.check]}
                  </Badge>
                </Table.Td>
                <Table.Td className="mlw-num">
                  {violation.rows === null ? '—' : formatCount(violation.rows)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{violation.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </ScrollArea>
  );
}
