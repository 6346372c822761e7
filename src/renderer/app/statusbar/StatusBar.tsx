import { Group } from '@mantine/core';
import { ConnectionItem } from './ConnectionItem.js';
import { EngineItem } from './EngineItem.js';
import { RunningJobsItem } from './RunningJobsItem.js';
import { WorkspaceItem } from './WorkspaceItem.js';
import classes from './StatusBar.module.css';

export function StatusBar(props: {
  workspace: string;
  appVersion: string;
  host: string;
  runtimes: string[];
}) {
  return (
    <Group
      className={classes.bar}
      h="100%"
      px={8}
      gap={0}
      justify="space-between"
      wrap="nowrap"
      data-testid="status-bar"
    >
      <Group gap={0} wrap="nowrap" style={{ minWidth: 0 }}>
        <EngineItem />
        <WorkspaceItem path={props.workspace} />
      </Group>
      <Group gap={0} wrap="nowrap">
        <ConnectionItem />
        <RunningJobsItem />
        <span
          className={classes.item}
          title={`Served by the ${props.host} host, on ${props.runtimes.join(', ')}`}
          data-testid="app-version"
        >
          v{props.appVersion}
        </span>
      </Group>
    </Group>
  );
}
