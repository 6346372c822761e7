import { Group, Kbd, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconSearch, IconStack2 } from '@tabler/icons-react';
import { modKeyLabel } from '../../lib/platform.js';
import { ThemeToggle } from '../theme/ThemeToggle.js';
import classes from './TopBar.module.css';

/** Title, the command palette's trigger (like VS Code's command center) and the theme switch. */
export function TopBar() {
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap={8} wrap="nowrap" w={188}>
        <ThemeIcon size={22} variant="light">
          <IconStack2 size={15} />
        </ThemeIcon>
        <Text fw={600} size="sm">
          MLOps Workbench
        </Text>
      </Group>
      <UnstyledButton
        className={classes.commandCenter}
        onClick={() => spotlight.open()}
        aria-label="Open the command palette"
        data-testid="open-command-palette"
      >
        <Group gap={8} wrap="nowrap">
          <IconSearch size={14} />
          <Text size="xs" c="dimmed" style={{ flex: 1 }}>
            Go to a section or run a command
          </Text>
          <Group gap={2} wrap="nowrap">
            <Kbd size="xs">{modKeyLabel()}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </Group>
      </UnstyledButton>
      <Group w={188} justify="flex-end">
        <ThemeToggle />
      </Group>
    </Group>
  );
}
