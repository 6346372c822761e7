import { CloseButton, NavLink, ScrollArea, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCube, IconFile, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { routeHash } from '../../../app/navigation/route.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import type { ModelTarget } from './modelItem.js';

const truncated = (text: string) => (
  <span className="mlw-truncate" style={{ display: 'block' }}>
    {text}
  </span>
);

/** The registry's models by name, then the .onnx files opened by path lately; one search filters both. */
export function ModelList({
  selected,
  recent,
  onForget,
}: {
  selected: ModelTarget | undefined;
  recent: string[];
  onForget: (path: string) => void;
}) {
  const registry = useCall('models.list', {});
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const models = (registry.data ?? []).filter((m) => m.name.includes(needle));
  const files = recent.filter((path) => path.toLowerCase().includes(needle));

  const registryBody = (() => {
    if (registry.isPending) return <LoadingState label="Reading the registry…" />;
    if (registry.isError) return <ErrorAlert error={registry.error} />;
    if (registry.data.length === 0) {
      return (
        <Text size="xs" c="dimmed" px={4} data-testid="models-empty">
          No models registered yet. Add an .onnx file and it appears here with its versions.
        </Text>
      );
    }
    if (models.length === 0) {
      return (
        <Text size="xs" c="dimmed" px={4}>
          No model matches “{query}”.
        </Text>
      );
    }
    return (
      <Stack gap={0} component="ul" p={0} m={0} aria-label="Registered models" data-testid="model-list">
        {models.map((model) => {
          const active = selected?.kind === 'registry' && selected.name === model.name;
          const latest = model.versions.at(-1);
          return (
            <li key={model.name} style={{ listStyle: 'none' }}>
              <NavLink
                component="a"
                href={routeHash({ section: 'models', item: model.name })}
                active={active}
                label={truncated(model.name)}
                description={truncated(
                  `v${model.latest} · ${model.versions.length === 1 ? '1 version' : `${formatCount(model.versions.length)} versions`}${
                    latest
                      ? ` · ${formatCount(latest.inputs.length)} in, ${formatCount(latest.outputs.length)} out`
                      : ''
                  }`,
                )}
                title={model.name}
                leftSection={<IconCube size={15} stroke={1.6} />}
                rightSection={
                  model.nameWarning ? (
                    <Tooltip label={model.nameWarning} multiline w={260}>
                      <IconAlertTriangle
                        size={14}
                        color="var(--mantine-color-orange-text)"
                        aria-label={model.nameWarning}
                      />
                    </Tooltip>
                  ) : null
                }
                styles={{
                  root: { borderRadius: 'var(--mantine-radius-sm)' },
                  label: { fontSize: 13 },
                  description: { fontSize: 11 },
                }}
                data-testid="model-list-item"
                data-name={model.name}
              />
            </li>
          );
        })}
      </Stack>
    );
  })();

  return (
    <Stack gap={0} h="100%">
      <div style={{ padding: 8, flex: 'none' }}>
        <TextInput
          placeholder="Search models"
          aria-label="Search models"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={
            query ? <CloseButton size="xs" aria-label="Clear search" onClick={() => setQuery('')} /> : null
          }
          data-testid="model-filter"
        />
      </div>
      <ScrollArea flex={1} type="auto" scrollbars="y">
        <Stack gap="md" px={8} pb="sm">
          <Section title="Registry">{registryBody}</Section>
          {files.length > 0 && (
            <Section title="Opened files">
              <Stack
                gap={0}
                component="ul"
                p={0}
                m={0}
                aria-label="Opened files"
                data-testid="model-file-list"
              >
                {files.map((path) => {
                  const name = path.split('/').pop() ?? path;
                  return (
                    <li key={path} style={{ listStyle: 'none' }}>
                      <NavLink
                        component="a"
                        href={routeHash({ section: 'models', item: path })}
                        active={selected?.kind === 'path' && selected.path === path}
                        label={truncated(name)}
                        description={truncated(path)}
                        title={path}
                        leftSection={<IconFile size={15} stroke={1.6} />}
                        rightSection={
                          <CloseButton
                            size="xs"
                            aria-label={`Remove ${name} from the list`}
                            onClick={(event) => {
                              event.preventDefault();
                              event.stopPropagation();
                              onForget(path);
                            }}
                          />
                        }
                        styles={{
                          root: { borderRadius: 'var(--mantine-radius-sm)' },
                          label: { fontSize: 13 },
                          description: { fontSize: 11 },
                        }}
                        data-testid="model-file-item"
                      />
                    </li>
                  );
                })}
              </Stack>
            </Section>
          )}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
