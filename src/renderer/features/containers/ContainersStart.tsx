import { Anchor, Button, Code, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBrandDocker, IconPackage, IconPlayerPlay } from '@tabler/icons-react';
import { routeHash } from '../../app/navigation/route.js';
import { useCall } from '../../app/query/useCall.js';
import { useBuilds } from './useContainers.js';

/**
 * What the Containers screen shows with nothing open: with no builds, how to make the first one
 * (and what an air-gapped engine needs first); otherwise where to click.
 */
export function ContainersStart({ onBuild, onRun }: { onBuild: () => void; onRun: () => void }) {
  const builds = useBuilds();
  const models = useCall('models.list', {});
  const hasModels = (models.data?.length ?? 0) > 0;
  const built = builds.data?.some((record) => record.status === 'built') ?? false;

  if (builds.data && builds.data.length > 0) {
    return (
      <Stack p="xl" gap="sm" align="center" justify="center" h="100%" data-testid="containers-start">
        <Text size="sm" c="dimmed">
          Pick a build or a deployment on the left, or start another.
        </Text>
        <Group gap="xs">
          <Button leftSection={<IconPackage size={14} />} onClick={onBuild}>
            Build image…
          </Button>
          {built && (
            <Button variant="default" leftSection={<IconPlayerPlay size={14} />} onClick={onRun}>
              Run container…
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <Stack p="xl" gap="md" align="center" justify="center" h="100%" data-testid="containers-empty">
      <ThemeIcon size={52} radius="xl" variant="light" color="gray">
        <IconBrandDocker size={28} stroke={1.5} />
      </ThemeIcon>
      <Stack gap={6} align="center" maw={520}>
        <Title order={2}>Build an image from a model version</Title>
        <Text size="sm" ta="center" c="dimmed">
          The image holds the model, the workbench&apos;s model server and ONNX Runtime, from a Dockerfile you
          can read and edit. Run it on 127.0.0.1, send it requests, then ship it.
        </Text>
      </Stack>
      {hasModels || models.isPending ? (
        <Button
          leftSection={<IconPackage size={14} />}
          onClick={onBuild}
          data-testid="containers-empty-build"
        >
          Build image…
        </Button>
      ) : (
        <Text size="sm" ta="center" data-testid="containers-no-models">
          No model is registered yet:{' '}
          <Anchor href={routeHash({ section: 'models' })} size="sm">
            add an .onnx file under Models
          </Anchor>{' '}
          first.
        </Text>
      )}
      <List size="xs" c="dimmed" spacing={4} maw={520}>
        <List.Item>
          The default base is <Code fz={11}>node:22-bookworm-slim</Code>, pulled from Docker Hub.
        </List.Item>
        <List.Item>
          An engine that cannot pull (no internet, a closed registry) needs a local base: make one in the
          build dialog, or with <Code fz={11}>mlw container base</Code>, and build on it.
        </List.Item>
      </List>
    </Stack>
  );
}
