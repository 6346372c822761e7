import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import type { DockerfileFinding } from '../../../../shared/contract/containers.js';
import classes from './FindingsList.module.css';

const icons = {
  error: <IconCircleX size={15} color="var(--mantine-color-red-text)" aria-label="error" />,
  warning: <IconAlertTriangle size={15} color="var(--mantine-color-orange-text)" aria-label="warning" />,
  info: <IconInfoCircle size={15} color="var(--mantine-color-blue-text)" aria-label="info" />,
};

const colors = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** The lint's findings under the editor, in line order; a click puts the cursor on the finding. */
export function FindingsList({
  findings,
  stale,
  onPick,
}: {
  findings: DockerfileFinding[];
  /** The editor holds unsaved changes, which the findings (of the saved file) do not see yet. */
  stale: boolean;
  onPick: (finding: DockerfileFinding) => void;
}) {
  const note = stale ? ' Of the saved file: save to lint the changes.' : '';
  if (findings.length === 0) {
    return (
      <Group gap={6} px="md" py={6} className={classes.bar} data-testid="dockerfile-findings-empty">
        <IconCircleCheck size={15} color="var(--mantine-color-teal-text)" aria-hidden />
        <Text size="xs" c="dimmed">
          The lint finds nothing to say about this Dockerfile.{note}
        </Text>
      </Group>
    );
  }
  return (
    <div className={classes.bar}>
      <Text size="xs" c="dimmed" px="md" pt={6} pb={2}>
        {findings.length === 1 ? '1 finding' : `${findings.length} findings`}.{note}
      </Text>
      <ScrollArea.Autosize mah={168} type="auto">
        <Stack gap={0} component="ul" p={0} m={0} data-testid="dockerfile-findings">
          {findings.map((finding, i) => (
            <li key={i} style={{ listStyle: 'none' }}>
              <UnstyledButton
                className={classes.finding}
                onClick={() => onPick(finding)}
                data-testid="dockerfile-finding"
                data-rule={finding.rule}
                data-severity={finding.severity}
              >
                <span className={classes.icon}>{icons[finding.severity]}</span>
                <Text span size="xs" c="dimmed" className={`mlw-num ${classes.where}`}>
                  {finding.range.startLine}:{finding.range.startColumn}
                </Text>
                <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {finding.message}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {finding.hint}
                  </Text>
                </Stack>
                <Badge
                  size="xs"
                  variant="light"
                  color={colors[finding.severity]}
                  tt="none"
                  style={{ flex: 'none' }}
                >
                  {finding.rule}
                </Badge>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </div>
  );
}
