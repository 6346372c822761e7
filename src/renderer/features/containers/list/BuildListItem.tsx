import { Text, UnstyledButton } from '@mantine/core';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { formatBytes, formatDateTime } from '../../../../shared/format/numbers.js';
import { routeHash } from '../../../app/navigation/route.js';
import { shownBuildStatus } from '../buildJob.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import { containerItem } from '../containerItem.js';
import { BuildStatusBadge } from '../StatusBadges.js';
import classes from './ListItem.module.css';

export function BuildListItem({
  record,
  job,
  selected,
}: {
  record: BuildRecord;
  job: Job | undefined;
  selected: boolean;
}) {
  const model = `${record.model.name}@${record.model.version}`;
  return (
    <li style={{ listStyle: 'none' }}>
      <UnstyledButton
        component="a"
        href={routeHash({ section: 'containers', item: containerItem({ kind: 'build', id: record.id }) })}
        className={classes.item}
        data-selected={selected || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="build-item"
        data-id={record.id}
      >
        <div className={classes.row}>
          <Text size="sm" fw={500} className="mlw-truncate" title={model}>
            {model}
          </Text>
          <BuildStatusBadge status={shownBuildStatus(record, job)} />
        </div>
        <Text c="dimmed" className={`mlw-truncate ${classes.mono}`} title={record.tag}>
          {record.tag}
        </Text>
        <div className={classes.row}>
          <Text size="xs" c="dimmed" className="mlw-num" title={record.createdAt}>
            {formatDateTime(record.createdAt)}
          </Text>
          {record.image && (
            <Text size="xs" c="dimmed" className="mlw-num">
              {formatBytes(record.image.sizeBytes)}
            </Text>
          )}
        </div>
      </UnstyledButton>
    </li>
  );
}
