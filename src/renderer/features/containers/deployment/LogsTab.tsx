import { Text } from '@mantine/core';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { FollowedLog } from '../FollowedLog.js';
import { withoutTerminalCodes } from './terminalText.js';
import classes from './LogsTab.module.css';

const TAIL = 500;
const REFRESH_MS = 2_000;

/** The container's last lines, asked every 2 s while this tab is shown; stderr is set apart. */
export function LogsTab({ deployment }: { deployment: Deployment }) {
  const logs = useCall(
    'containers.logs',
    { name: deployment.name, tail: TAIL },
    { refetchInterval: REFRESH_MS, staleTime: 0 },
  );

  if (logs.isPending) return <LoadingState label="Reading the log…" />;
  if (logs.isError) return <ErrorAlert error={logs.error} title="The log could not be read" />;
  if (logs.data.lines.length === 0)
    return (
      <EmptyTab title="Nothing logged yet">The server&apos;s output appears here as it writes it.</EmptyTab>
    );
  return (
    <FollowedLog
      caption={
        <Text size="xs" c="dimmed" className="mlw-num">
          The last {formatCount(logs.data.lines.length)} lines (at most {formatCount(TAIL)}), every{' '}
          {REFRESH_MS / 1000} s
        </Text>
      }
      className={classes.log}
      label="Container log"
      testId="deployment-log"
      update={logs.data.lines}
    >
      {logs.data.lines.map((line, i) => (
        <div key={i} className={classes.line} data-stream={line.stream} data-testid="deployment-log-line">
          <span className={classes.stream}>{line.stream === 'stderr' ? 'err' : 'out'}</span>
          <span className={classes.text}>{withoutTerminalCodes(line.text)}</span>
        </div>
      ))}
    </FollowedLog>
  );
}
