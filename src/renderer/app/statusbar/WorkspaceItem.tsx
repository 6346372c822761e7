import { Tooltip } from '@mantine/core';
import { IconFolder } from '@tabler/icons-react';
import classes from './StatusBar.module.css';

/** The workspace folder; long paths lose their start, since the end names the folder. */
export function WorkspaceItem({ path }: { path: string }) {
  return (
    <Tooltip label={`Workspace: ${path}`}>
      <span className={classes.item} data-testid="workspace-path" style={{ maxWidth: 420 }}>
        <IconFolder size={13} style={{ flex: 'none' }} />
        <span className={classes.path}>
          <bdi>{path}</bdi>
        </span>
      </span>
    </Tooltip>
  );
}
