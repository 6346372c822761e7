import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { navigate } from '../navigation/route.js';
import { MONITORS_ITEM } from '../../features/drift/monitors/monitorsRoute.js';
import { useClient } from './clientContext.js';

/** Shows a notification, wherever the user is, when a drift monitor's deployment crosses a threshold. */
export function useDriftAlerts(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      client.subscribe('drift.alert', (alert) => {
        void queryClient.invalidateQueries({ queryKey: ['drift.listMonitors'] });
        const id = `drift-alert-${alert.monitor}-${alert.at}`;
        const { report } = alert;
        notifications.show({
          id,
          color: 'orange',
          autoClose: false,
          title: `Drift in ${alert.deployment}`,
          message: (
            <Stack gap={6} data-testid="drift-alert">
              <Text size="sm">{alert.message}</Text>
              <Group gap={6}>
                {report && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => {
                      notifications.hide(id);
                      navigate({ section: 'drift', item: report });
                    }}
                    data-testid="drift-alert-report"
                  >
                    Open report
                  </Button>
                )}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    notifications.hide(id);
                    navigate({ section: 'drift', item: MONITORS_ITEM });
                  }}
                  data-testid="drift-alert-open"
                >
                  Open monitor
                </Button>
              </Group>
            </Stack>
          ),
        });
      }),
    [client, queryClient],
  );
}
