import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { formatCount } from '../../../../shared/format/numbers.js';
import type { LintFinding } from './profileTypes.js';
import { VisibleText } from './VisibleText.js';

const LABELS: Record<LintFinding['type'], string> = {
  empty_column: 'Empty column',
  unnamed_column: 'Unnamed column',
  embedded_newlines: 'Embedded line breaks',
  ragged_rows: 'Ragged rows',
  mixed_types: 'Mixed types',
};

/** Lint findings with their offending values, invisible characters made visible in monospace chips. */
export function LintList({
  findings,
  onOpenColumn,
}: {
  findings: LintFinding[];
  onOpenColumn: (column: string) => void;
}) {
  return (
    <Stack gap={0} data-testid="lint-list">
      {findings.map((finding, index) => (
        <Stack
          key={`${finding.type}-${finding.columns.join('\u0000')}-${index}`}
          gap={4}
          py={6}
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          data-testid="lint-finding"
          data-type={finding.type}
        >
          <Group gap="xs" wrap="nowrap" align="baseline">
            <Badge size="sm" variant="light" color="yellow" tt="none" fw={600} style={{ flex: 'none' }}>
              {LABELS[finding.type]}
            </Badge>
            <Text size="xs" fw={600} className="mlw-num" title="Occurrences" style={{ flex: 'none' }}>
              {formatCount(finding.count)}×
            </Text>
            <Text size="xs" style={{ minWidth: 0 }}>
              {finding.message}
            </Text>
          </Group>
          {(finding.columns.length > 0 || finding.examples.length > 0) && (
            <Group gap={6} pl={4}>
              {finding.columns.map((column) => (
                <Text
                  key={column}
                  component="button"
                  type="button"
                  size="xs"
                  c="accent"
                  fw={500}
                  className="mlw-truncate"
                  maw={260}
                  title={`${column}: open its detail`}
                  style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                  onClick={() => onOpenColumn(column)}
                  data-testid="lint-column"
                >
                  {column === '' ? '(empty header)' : column}
                </Text>
              ))}
              {finding.examples.map((example, i) => (
                <Code
                  key={`${i}-${example}`}
                  className="mlw-truncate"
                  maw={420}
                  title={example}
                  data-testid="lint-example"
                  style={{ whiteSpace: 'pre' }}
                >
                  <VisibleText text={example} />
                </Code>
              ))}
            </Group>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
