import { Group, Text, UnstyledButton } from '@mantine/core';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { routeHash } from '../../../app/navigation/route.js';
import { containerItem } from '../containerItem.js';
import { DeploymentBadges } from '../StatusBadges.js';
import classes from './ListItem.module.css';

export function DeploymentListItem({ deployment, selected }: { deployment: Deployment; selected: boolean }) {
  const model = deployment.model ? `${deployment.model.name}@${deployment.model.version}` : deployment.image;
  return (
    <li style={{ listStyle: 'none' }}>
      <UnstyledButton
        component="a"
        href={routeHash({
          section: 'containers',
          item: containerItem({ kind: 'deployment', name: deployment.name }),
        })}
        className={classes.item}
        data-selected={selected || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="deployment-item"
        data-name={deployment.name}
      >
        <div className={classes.row}>
          <Text size="sm" fw={500} className="mlw-truncate" title={deployment.name}>
            {deployment.name}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
            <DeploymentBadges deployment={deployment} />
          </Group>
        </div>
        <Text size="xs" c="dimmed" className="mlw-truncate" title={model}>
          {model}
        </Text>
        <Text c="dimmed" className={`mlw-truncate ${classes.mono}`} title={deployment.url}>
          {deployment.url}
        </Text>
      </UnstyledButton>
    </li>
  );
}
