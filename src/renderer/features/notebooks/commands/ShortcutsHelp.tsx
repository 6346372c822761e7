import { ActionIcon, Box, Group, Kbd, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { Fragment } from 'react';
import { modKeyLabel } from '../../../lib/platform.js';
import classes from '../Notebook.module.css';
import { shortcutSections, type Shortcut, type ShortcutSection } from './commandKeys.js';

function Keys({ shortcut }: { shortcut: Shortcut }) {
  return (
    <Group gap={4} wrap="nowrap">
      {shortcut.keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && (
            <Text span size="xs" c="dimmed">
              or
            </Text>
          )}
          <Kbd size="xs">{key}</Kbd>
        </Fragment>
      ))}
    </Group>
  );
}

function Section({ section }: { section: ShortcutSection }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {section.title}
      </Text>
      <Box className={classes.shortcuts}>
        {section.shortcuts.map((shortcut) => (
          <Fragment key={shortcut.what}>
            <Keys shortcut={shortcut} />
            <Text size="xs">{shortcut.what}</Text>
          </Fragment>
        ))}
      </Box>
    </Stack>
  );
}

/** The keyboard icon in the notebook's toolbar: every shortcut, for command and edit mode. */
export function ShortcutsHelp(props: { opened: boolean; onChange: (opened: boolean) => void }) {
  const [command, ...rest] = shortcutSections(modKeyLabel()) as [ShortcutSection, ...ShortcutSection[]];
  return (
    <Popover
      opened={props.opened}
      onChange={props.onChange}
      position="bottom-end"
      shadow="md"
      withArrow
      // The popover takes the keyboard (Esc closes it) and gives it back: to the cell when H opened it.
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Tooltip label="Keyboard shortcuts (H)" disabled={props.opened}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => props.onChange(!props.opened)}
            aria-label="Keyboard shortcuts"
            data-testid="shortcuts-help"
          >
            <IconKeyboard size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="sm" data-testid="shortcuts-popover">
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            Esc leaves a cell&apos;s editor for command mode (a ring around the cell); Enter goes back in.
          </Text>
          <Group align="flex-start" gap="xl" wrap="nowrap">
            <Section section={command} />
            <Stack gap="md">
              {rest.map((section) => (
                <Section key={section.title} section={section} />
              ))}
            </Stack>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
