import { Group, Text, UnstyledButton } from '@mantine/core';
import type { DatasetManifest } from '../../../../shared/contract/index.js';
import { routeHash } from '../../../app/navigation/route.js';
import { formatCount, formatDate } from '../../../../shared/format/numbers.js';
import classes from './DatasetListItem.module.css';

export function DatasetListItem({ dataset, selected }: { dataset: DatasetManifest; selected: boolean }) {
  return (
    <li style={{ listStyle: 'none' }}>
      <UnstyledButton
        component="a"
        href={routeHash({ section: 'data', item: dataset.slug })}
        className={classes.item}
        data-selected={selected || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="dataset-item"
        data-slug={dataset.slug}
      >
        <Text size="sm" fw={500} className="mlw-truncate" title={dataset.name}>
          {dataset.name}
        </Text>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" className="mlw-num">
            {formatCount(dataset.rows)} rows × {formatCount(dataset.columns.length)} cols
          </Text>
          <Text size="xs" c="dimmed" className="mlw-num" title={dataset.importedAt}>
            {formatDate(dataset.importedAt)}
          </Text>
        </Group>
      </UnstyledButton>
    </li>
  );
}
