import { Center, Loader, Stack, Text } from '@mantine/core';

/** A pane that is waiting for its data. */
export function LoadingState({ label }: { label: string }) {
  return (
    <Center h="100%" mih={160} data-testid="loading-state">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}
