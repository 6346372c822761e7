import { ActionIcon, Box, Menu, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconDots, IconNotebook, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { NotebookSummary } from '../../../../shared/contract/notebooks.js';

/** The workspace's notebooks with a search box; rename and delete from each item's menu. */
export function NotebookList(props: {
  notebooks: NotebookSummary[];
  open: string | undefined;
  onOpen: (name: string) => void;
  onRename: (name: string) => void;
  onDelete: (name: string) => void;
}) {
  const [query, setQuery] = useState('');
  const shown = props.notebooks.filter((n) => n.name.toLowerCase().includes(query.trim().toLowerCase()));
  return (
    <Stack gap={0} h="100%">
      <Box p="xs">
        <TextInput
          size="xs"
          placeholder="Search notebooks"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="notebook-search"
        />
      </Box>
      <ScrollArea flex={1}>
        {shown.map((notebook) => (
          <NavLink
            key={notebook.name}
            active={notebook.name === props.open}
            label={notebook.name}
            description={new Date(notebook.modifiedAt).toLocaleString()}
            leftSection={<IconNotebook size={16} />}
            onClick={() => props.onOpen(notebook.name)}
            data-testid="notebook-item"
            data-name={notebook.name}
            rightSection={
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    onClick={(e) => e.stopPropagation()}
                    aria-label={`Actions for ${notebook.name}`}
                  >
                    <IconDots size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => props.onRename(notebook.name)}>Rename…</Menu.Item>
                  <Menu.Item color="red" onClick={() => props.onDelete(notebook.name)}>
                    Move to trash…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            }
          />
        ))}
        {shown.length === 0 && (
          <Text size="xs" c="dimmed" p="sm">
            {props.notebooks.length === 0 ? 'No notebooks yet.' : 'No notebook matches.'}
          </Text>
        )}
      </ScrollArea>
    </Stack>
  );
}
