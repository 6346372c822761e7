import { CloseButton, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconCube } from '@tabler/icons-react';
import { useState } from 'react';
import { routeHash } from '../../../app/navigation/route.js';
import { normalizeModelPath } from './recentModels.js';

/**
 * Models opened by path, newest first. The registry (models.list) is not in the contract yet; until it
 * is, this lists what the user opened from the workspace's models/ folder.
 */
export function ModelList({
  recent,
  selected,
  onForget,
}: {
  recent: string[];
  selected: string | undefined;
  onForget: (path: string) => void;
}) {
  const [query, setQuery] = useState('');
  const needle = normalizeModelPath(query).toLowerCase();
  const shown = recent.filter((path) => path.toLowerCase().includes(needle));
  return (
    <Stack gap={0} h="100%">
      <div style={{ padding: 8, flex: 'none' }}>
        <TextInput
          placeholder="Filter models"
          aria-label="Filter models"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          data-testid="model-filter"
        />
      </div>
      <ScrollArea flex={1} type="auto" scrollbars="y">
        {recent.length === 0 ? (
          <Text size="xs" c="dimmed" p="sm" data-testid="models-empty">
            No models opened yet. Put .onnx files in the workspace&apos;s models/ folder and open one by its
            path.
          </Text>
        ) : (
          <Stack gap={0} component="ul" p={0} m={0} aria-label="Models" data-testid="model-list">
            {shown.map((path) => {
              const name = path.split('/').pop() ?? path;
              return (
                <li key={path} style={{ listStyle: 'none' }}>
                  <NavLink
                    component="a"
                    href={routeHash({ section: 'models', item: path })}
                    active={path === selected}
                    label={
                      <span className="mlw-truncate" style={{ display: 'block' }}>
                        {name}
                      </span>
                    }
                    description={
                      <span className="mlw-truncate" style={{ display: 'block' }}>
                        {path}
                      </span>
                    }
                    title={path}
                    leftSection={<IconCube size={15} stroke={1.6} />}
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
                    styles={{ label: { fontSize: 13 }, description: { fontSize: 11 } }}
                    data-testid="model-list-item"
                  />
                </li>
              );
            })}
          </Stack>
        )}
      </ScrollArea>
    </Stack>
  );
}
