import { ActionIcon, Tooltip } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useThemeToggle } from './useThemeToggle.js';

export function ThemeToggle() {
  const { scheme, toggle } = useThemeToggle();
  const label = scheme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
  return (
    <Tooltip label={label}>
      <ActionIcon onClick={toggle} aria-label={label} data-testid="theme-toggle" data-scheme={scheme}>
        {scheme === 'dark' ? <IconSun size={16} /> : <IconMoon size={16} />}
      </ActionIcon>
    </Tooltip>
  );
}
