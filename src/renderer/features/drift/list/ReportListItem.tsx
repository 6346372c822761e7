import { ActionIcon, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { DriftReportSummary } from '../../../../shared/contract/drift.js';
import { routeHash } from '../../../app/navigation/route.js';
import { VerdictBadge } from '../VerdictBadge.js';
import classes from './ReportListItem.module.css';

/** A saved report in the list: what was compared, the verdict and when; the trash icon asks first. */
export function ReportListItem({
  report,
  selected,
  onRemove,
}: {
  report: DriftReportSummary;
  selected: boolean;
  onRemove: () => void;
}) {
  const title = `${report.current} vs ${report.baseline}`;
  const current = shortLabel(report.current);
  const baseline = shortLabel(report.baseline);
  return (
    <li className={classes.entry} data-selected={selected || undefined}>
      <UnstyledButton
        component="a"
        href={routeHash({ section: 'drift', item: report.id })}
        className={classes.item}
        data-selected={selected || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="drift-report-item"
        data-id={report.id}
      >
        <Text size="sm" fw={500} className="mlw-truncate" title={report.current}>
          {current}
        </Text>
        <Text size="xs" c="dimmed" className="mlw-truncate" title={title}>
          vs {baseline}
        </Text>
        <div className={classes.row}>
          <Group gap={6} wrap="nowrap">
            <VerdictBadge drift={report.drift} size="xs" />
            <Text
              size="xs"
              c="dimmed"
              className="mlw-num"
              title={`${report.drifted} of ${report.compared} columns drifted`}
            >
              {report.drifted}/{report.compared}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" className="mlw-num mlw-truncate" title={report.createdAt}>
            {formatShortTime(report.createdAt)}
          </Text>
        </div>
      </UnstyledButton>
      <Tooltip label="Move to trash">
        <ActionIcon
          size="sm"
          className={classes.remove}
          aria-label={`Move the report ${report.id} to the trash`}
          onClick={onRemove}
          data-testid="drift-report-remove"
        >
          <IconTrash size={14} />
        </ActionIcon>
      </Tooltip>
    </li>
  );
}

/** A side's label without the "data set " every workspace data set's label starts with. */
function shortLabel(label: string): string {
  return label.replace(/^data set /, '');
}

/** Day and time to the minute, short enough for the list's width. */
function formatShortTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
