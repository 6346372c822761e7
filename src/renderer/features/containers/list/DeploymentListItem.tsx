import { Text, UnstyledButton } from '@mantine/core';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { routeHash } from '../../../app/navigation/route.js';
import { containerItem } from '../containerItem.js';
import { DeploymentBadges, HealthDot } from '../StatusBadges.js';
import classes from './ListItem.module.css';
import { workspaceName } from './workspaceName.js';

/** A deployment in the list; one of another workspace (or of an unknown one) is muted and says whose. */
export function DeploymentListItem({ deployment, selected }: { deployment: Deployment; selected: boolean }) {
  const model = deployment.model ? `${deployment.model.name}@${deployment.model.version}` : deployment.image;
  const theirs = deployment.workspace?.current !== true;
  return (
    <li style={{ listStyle: 'none' }}>
      <UnstyledButton
        component="a"
        href={routeHash({
          section: 'containers',
          item: containerItem({ kind: 'deployment', name: deployment.name }),
        })}
        className={theirs ? `${classes.item} ${classes.other}` : classes.item}
        data-selected={selected || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="deployment-item"
        data-name={deployment.name}
        data-state={deployment.state}
        data-other-workspace={theirs || undefined}
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
        {theirs && (
          <Text
            size="xs"
            c="dimmed"
            fs="italic"
            className="mlw-truncate"
            title={deployment.workspace?.path || undefined}
            data-testid="deployment-item-workspace"
          >
            {deployment.workspace ? `workspace ${workspaceName(deployment.workspace)}` : workspaceName(null)}
          </Text>
        )}
      </UnstyledButton>
    </li>
  );
}
