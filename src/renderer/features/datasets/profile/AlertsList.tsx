import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { truncateMiddle } from '../../../components/charts/truncate.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { alertLabel, alertSeverity, bySeverity, severityColor, severityCounts } from './alertSeverity.js';
import { collapseGroups } from './alertGroups.js';
import type { Alert, AlertType } from './profileTypes.js';
import classes from './AlertsList.module.css';

/** Rows of one alert type shown before the rest fold behind a "show more" link. */
const PER_TYPE = 5;

/**
 * Alerts, worst first: a severity-coloured type, the column(s) as links that open the column's
 * detail, and the engine's message. Long runs of one type fold after a few rows.
 */
export function AlertsList({
  alerts,
  onOpenColumn,
  compact = false,
}: {
  alerts: Alert[];
  onOpenColumn: (column: string) => void;
  /** In a narrow panel about one column: type and message only. */
  compact?: boolean;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<AlertType>>(new Set());
  const entries = collapseGroups(bySeverity(alerts), expanded, PER_TYPE);
  return (
    <div
      className={`${classes.list} ${compact ? classes.compact : ''}`}
      data-testid="alerts-list"
      role="list"
    >
      {entries.map((entry, index) => {
        if (entry.kind === 'more') {
          return (
            <div key={`more-${entry.type}`} className={classes.more} role="listitem">
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => setExpanded(new Set([...expanded, entry.type]))}
                data-testid="alerts-show-more"
              >
                Show {formatCount(entry.hidden)} more “{alertLabel(entry.type)}” alerts
              </Anchor>
            </div>
          );
        }
        const { alert } = entry;
        const severity = alertSeverity(alert.type);
        return (
          <div
            key={`${alert.type}-${alert.columns.join('\u0000')}-${index}`}
            className={classes.row}
            role="listitem"
            data-testid="alert"
            data-type={alert.type}
            data-severity={severity}
            data-columns={alert.columns.join(',')}
          >
            <div>
              <Badge size="sm" variant="light" color={severityColor[severity]} tt="none" fw={600}>
                {alertLabel(alert.type)}
              </Badge>
            </div>
            {!compact && (
              <div className={classes.columns}>
                {alert.columns.length === 0 ? (
                  <Text span size="xs" c="dimmed">
                    whole data set
                  </Text>
                ) : (
                  alert.columns.map((column) => (
                    <Anchor
                      key={column}
                      component="button"
                      type="button"
                      className={classes.columnLink}
                      title={`${column}: open its detail`}
                      onClick={() => onOpenColumn(column)}
                      data-testid="alert-column"
                    >
                      {/* Long names often differ only at the end, so they are cut in the middle. */}
                      {truncateMiddle(column, 40)}
                    </Anchor>
                  ))
                )}
              </div>
            )}
            {/* Messages quote column names, which can be one long unbreakable word. */}
            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
              {alert.message}
            </Text>
          </div>
        );
      })}
    </div>
  );
}

/** "2 errors · 5 warnings · 1 note", coloured, for a section heading. */
export function AlertCounts({ alerts }: { alerts: Alert[] }) {
  const counts = severityCounts(alerts.map((alert) => alert.type));
  const parts: [keyof typeof counts, string][] = [
    ['error', counts.error === 1 ? 'error' : 'errors'],
    ['warning', counts.warning === 1 ? 'warning' : 'warnings'],
    ['info', counts.info === 1 ? 'note' : 'notes'],
  ];
  return (
    <Group gap={10} data-testid="alert-counts">
      {parts
        .filter(([severity]) => counts[severity] > 0)
        .map(([severity, noun]) => (
          <Text key={severity} span size="xs" c={severityColor[severity]} fw={600}>
            {formatCount(counts[severity])} {noun}
          </Text>
        ))}
    </Group>
  );
}
