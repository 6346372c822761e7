import { Center, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a tab shows when it has nothing to draw: what is missing and, where there is one, why. */
export function EmptyTab({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <Center mih={160} p="md" data-testid={testId ?? 'empty-state'}>
      <Stack gap={4} align="center" maw={480}>
        <Text size="sm" fw={500}>
          {title}
        </Text>
        {children && (
          <Text size="xs" c="dimmed" ta="center">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}

/** A titled block inside a tab, dense like an editor's panel. */
export function Section({
  title,
  aside,
  children,
  testId,
}: {
  title: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section data-testid={testId} style={{ minWidth: 0 }}>
      <Text
        size="xs"
        fw={600}
        tt="uppercase"
        c="dimmed"
        mb={6}
        style={{ letterSpacing: 0.4, display: 'flex', justifyContent: 'space-between', gap: 8 }}
        component="div"
      >
        <span>{title}</span>
        {aside && (
          <Text span size="xs" c="dimmed" tt="none" fw={400}>
            {aside}
          </Text>
        )}
      </Text>
      {children}
    </section>
  );
}
