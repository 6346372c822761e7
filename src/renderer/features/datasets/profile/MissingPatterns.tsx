import { Text } from '@mantine/core';
import { formatCount, formatPercent } from '../../../../shared/format/numbers.js';
import { truncateMiddle } from '../../../components/charts/truncate.js';
import type { Profile } from './profileTypes.js';
import classes from './MissingPatterns.module.css';

/**
 * Which columns go missing together: one row per pattern with its row count, one column per column
 * that is ever missing, a filled cell where that column is missing in the pattern.
 */
export function MissingPatterns({ profile }: { profile: Profile }) {
  const patterns = profile.missingPatterns;
  const involved = new Set(patterns.flatMap((pattern) => pattern.columns));
  // Profile order, so the columns read as in the table.
  const columns = profile.columns.map((c) => c.name).filter((name) => involved.has(name));
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className={classes.table} data-testid="missing-patterns">
        <thead>
          <tr>
            <th className={classes.count} style={{ verticalAlign: 'bottom' }}>
              <Text size="xs" c="dimmed" ta="right">
                Rows
              </Text>
            </th>
            <th className={classes.count} style={{ verticalAlign: 'bottom' }}>
              <Text size="xs" c="dimmed" ta="right">
                Share
              </Text>
            </th>
            {columns.map((name) => (
              <th key={name} className={classes.colLabel} title={name}>
                <div>{truncateMiddle(name, 22)}</div>
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {patterns.map((pattern) => {
            const missing = new Set(pattern.columns);
            return (
              <tr
                key={pattern.columns.join('\u0000')}
                data-testid="missing-pattern"
                data-count={pattern.count}
              >
                <td className={classes.count}>{formatCount(pattern.count)}</td>
                <td className={classes.count} style={{ color: 'var(--mantine-color-dimmed)' }}>
                  {formatPercent(profile.rows > 0 ? (pattern.count / profile.rows) * 100 : 0)}
                </td>
                {columns.map((name) => (
                  <td
                    key={name}
                    className={`${classes.cell} ${missing.has(name) ? classes.missing : ''}`}
                    title={`${name}: ${missing.has(name) ? 'missing' : 'present'}`}
                  />
                ))}
                <td style={{ paddingLeft: 8 }}>
                  <Text size="xs" c="dimmed" className="mlw-truncate" maw={320}>
                    {pattern.columns.length === 0
                      ? 'complete rows'
                      : `${formatCount(pattern.columns.length)} missing`}
                  </Text>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
