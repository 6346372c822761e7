import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The strip at the top of every screen: its title on the left, its actions on the right. */
export function ScreenHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      px="md"
      h={44}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
    >
      <Title order={1} fz="md" fw={600}>
        {title}
      </Title>
      <Group gap="xs" wrap="nowrap">
        {children}
      </Group>
    </Group>
  );
}
