import { Anchor, Badge, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleX } from '@tabler/icons-react';
import type { Finding } from '../../../../shared/contract/modelSummary.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';

/** What the structural check found, errors first; a finding on a node links to it in the graph. */
export function ModelCheck({
  findings,
  onShowNode,
}: {
  findings: Finding[];
  onShowNode: (node: string) => void;
}) {
  if (findings.length === 0) {
    return (
      <EmptyTab title="No problems found" testId="check-empty">
        The graph is well formed by ONNX&apos;s checker rules, and this workbench&apos;s ONNX Runtime supports
        its IR version, opsets and operators.
      </EmptyTab>
    );
  }
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} p="md" maw={1000}>
        <Text size="xs" c="dimmed" mb="xs">
          {formatCount(errors)} {errors === 1 ? 'error' : 'errors'}, {formatCount(findings.length - errors)}{' '}
          {findings.length - errors === 1 ? 'warning' : 'warnings'}. Errors keep ONNX Runtime from loading the
          model.
        </Text>
        <Stack gap={0} component="ul" p={0} m={0} data-testid="check-findings">
          {sorted.map((finding, i) => (
            <Group
              key={i}
              component="li"
              wrap="nowrap"
              align="flex-start"
              gap="sm"
              py={6}
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)', listStyle: 'none' }}
              data-testid="check-finding"
              data-severity={finding.severity}
            >
              {finding.severity === 'error' ? (
                <IconCircleX
                  size={16}
                  color="var(--mantine-color-red-text)"
                  style={{ flex: 'none', marginTop: 2 }}
                />
              ) : (
                <IconAlertTriangle
                  size={16}
                  color="var(--mantine-color-orange-text)"
                  style={{ flex: 'none', marginTop: 2 }}
                />
              )}
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {finding.message}
                </Text>
                <Group gap="xs">
                  <Badge size="xs" variant="light" color={finding.severity === 'error' ? 'red' : 'orange'}>
                    {finding.code}
                  </Badge>
                  {finding.value && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      value {finding.value}
                    </Text>
                  )}
                  {finding.node !== undefined && (
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() => onShowNode(finding.node!)}
                      data-testid="finding-node-link"
                    >
                      Show node {finding.node || '(unnamed)'} in the graph
                    </Anchor>
                  )}
                </Group>
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
    </ScrollArea>
  );
}
