import { Text, UnstyledButton } from '@mantine/core';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { routeHash } from '../../../app/navigation/route.js';
import { containerItem } from '../containerItem.js';
import { DeploymentBadges, HealthDot } from '../StatusBadges.js';
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
        data-state={deployment.state}
      >
        <div className={classes.row}>
          <Text size="sm" fw={500} className="mlw-truncate" title={deployment.name}>
            {deployment.name}
          </Text>
          <DeploymentBadges deployment={{ ...deployment, health: 'none' }} />
        </div>
        <Text size="xs" c="dimmed" className="mlw-truncate" title={model}>
          {model}
        </Text>
        <div className={classes.row}>
          <Text c="dimmed" className={`mlw-truncate ${classes.mono}`} title={deployment.url}>
            {deployment.url}
          </Text>
          {deployment.state === 'running' && deployment.health !== 'none' && (
            <HealthDot health={deployment.health} />
          )}
        </div>
      </UnstyledButton>
    </li>
  );
}
