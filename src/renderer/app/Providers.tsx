import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { WorkbenchClient } from '../lib/client.js';
import { ClientProvider } from './query/clientContext.js';
import { COLOR_SCHEME_STORAGE_KEY, theme } from './theme/theme.js';

const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });

export function Providers(props: { client: WorkbenchClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications position="bottom-right" limit={3} />
      <ClientProvider client={props.client}>
        <QueryClientProvider client={props.queryClient}>{props.children}</QueryClientProvider>
      </ClientProvider>
    </MantineProvider>
  );
}
