import { AppShell, Box } from '@mantine/core';
import { ImportFlowProvider } from '../../features/datasets/import/ImportFlowProvider.js';
import type { CallOutput } from '../../lib/client.js';
import { useRoute } from '../navigation/route.js';
import { StatusBar } from '../statusbar/StatusBar.js';
import { CommandPalette } from './CommandPalette.js';
import { ScreenFor } from './ScreenFor.js';
import { SectionNav } from './SectionNav.js';
import { TopBar } from './TopBar.js';
import { useSectionHotkeys } from './useSectionHotkeys.js';

export function Shell({ info }: { info: CallOutput<'system.info'> }) {
  const route = useRoute();
  useSectionHotkeys();
  return (
    <ImportFlowProvider>
      <AppShell
        header={{ height: 40 }}
        navbar={{ width: 200, breakpoint: 0 }}
        footer={{ height: 26 }}
        padding={0}
      >
        <AppShell.Header>
          <TopBar />
        </AppShell.Header>
        <AppShell.Navbar>
          <SectionNav current={route.section} />
        </AppShell.Navbar>
        <AppShell.Main>
          <Box
            h="calc(100dvh - var(--app-shell-header-offset, 0rem) - var(--app-shell-footer-offset, 0rem))"
            style={{ overflow: 'hidden' }}
            data-testid={`screen-${route.section}`}
          >
            <ScreenFor route={route} />
          </Box>
        </AppShell.Main>
        <AppShell.Footer>
          <StatusBar
            workspace={info.workspace}
            appVersion={info.appVersion}
            host={info.host}
            runtimes={info.runtimes}
          />
        </AppShell.Footer>
        <CommandPalette />
      </AppShell>
    </ImportFlowProvider>
  );
}
