import { Button, Center, Code, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import { isConnectionError } from '../../lib/connectionErrors.js';
import { describeError } from '../../lib/describeError.js';

/** Shown when the first question to the host got no answer: nothing else can work until it does. */
export function HostUnreachableScreen(props: { error: unknown; retrying: boolean; onRetry: () => void }) {
  const { message, hint, code } = describeError(props.error);
  return (
    <Center h="100%" p="xl" data-testid="host-unreachable">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="red">
          <IconPlugConnectedX size={28} />
        </ThemeIcon>
        <Title order={1}>The workbench is not answering</Title>
        <Text>{message}</Text>
        {hint && (
          <Text c="dimmed" size="sm">
            {hint}
          </Text>
        )}
        {!isConnectionError(props.error) && <Code>{code}</Code>}
        <Button
          leftSection={<IconRefresh size={14} />}
          onClick={props.onRetry}
          loading={props.retrying}
          mt="xs"
        >
          Try again
        </Button>
      </Stack>
    </Center>
  );
}
