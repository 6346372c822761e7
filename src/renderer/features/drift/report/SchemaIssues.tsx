import { Badge, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { DriftReport } from '../../../../shared/contract/drift.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';

type Issue = DriftReport['schemaIssues'][number];

const PROBLEMS: Record<Issue['problem'], { label: string; color: string; order: number }> = {
  'missing-in-current': { label: 'Missing in current', color: 'red', order: 0 },
  'type-mismatch': { label: 'Type mismatch', color: 'orange', order: 1 },
  'extra-in-current': { label: 'Extra in current', color: 'yellow', order: 2 },
  ignored: { label: 'Ignored', color: 'gray', order: 3 },
};

/** What did not line up between the two sides, the problems that hide drift first. */
export function SchemaIssues({ issues }: { issues: Issue[] }) {
  if (issues.length === 0)
    return (
      <EmptyTab title="The two sides line up" testId="drift-schema-empty">
        Every baseline column was found on the current side with a type it compares with, and none was
        ignored.
      </EmptyTab>
    );
  const sorted = [...issues].sort(
    (a, b) => PROBLEMS[a.problem].order - PROBLEMS[b.problem].order || a.column.localeCompare(b.column),
  );
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="xs" p="md" maw={1100}>
        <Text size="xs" c="dimmed">
          These columns were not compared. A column missing on the current side or of another type can hide
          drift; extra columns are new inputs the baseline does not know.
        </Text>
        <Table data-testid="drift-schema-issues" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={260}>Column</Table.Th>
              <Table.Th w={160}>Problem</Table.Th>
              <Table.Th>What it means</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((issue) => (
              <Table.Tr
                key={`${issue.problem}-${issue.column}`}
                data-testid="drift-schema-issue"
                data-problem={issue.problem}
              >
                <Table.Td>
                  <Text size="xs" fw={500} className="mlw-truncate" title={issue.column}>
                    {issue.column}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={PROBLEMS[issue.problem].color}>
                    {PROBLEMS[issue.problem].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{issue.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </ScrollArea>
  );
}
