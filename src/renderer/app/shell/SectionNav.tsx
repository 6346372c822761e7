import { Kbd, NavLink, Stack } from '@mantine/core';
import { shortcutLabel } from '../../lib/platform.js';
import { routeHash } from '../navigation/route.js';
import { sections, type SectionId } from '../navigation/sections.js';

/** The sidebar: one link per section, each with its Ctrl/Cmd+digit shortcut shown. */
export function SectionNav({ current }: { current: SectionId }) {
  return (
    <Stack component="nav" aria-label="Sections" gap={2} p={6}>
      {sections.map(({ id, label, icon: Icon, digit }) => (
        <NavLink
          key={id}
          component="a"
          href={routeHash({ section: id })}
          label={label}
          active={id === current}
          aria-current={id === current ? 'page' : undefined}
          data-testid={`nav-${id}`}
          leftSection={<Icon size={17} stroke={1.6} />}
          rightSection={
            <Kbd size="xs" fz={10} c="dimmed" style={{ borderBottomWidth: 1 }}>
              {shortcutLabel(String(digit))}
            </Kbd>
          }
          disableRightSectionRotation
          styles={{
            root: { borderRadius: 'var(--mantine-radius-sm)', paddingBlock: 6 },
            label: { fontSize: 13 },
          }}
        />
      ))}
    </Stack>
  );
}
