import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconTerminal } from '@tabler/icons-react';
import { useState } from 'react';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { useClient } from '../../../app/query/clientContext.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { CodeInput } from '../CodeInput.js';
import { splitCommandLine } from './commandLine.js';
import classes from './TryTab.module.css';

interface Run {
  command: string;
  result?: { exitCode: number; output: string };
  error?: unknown;
}

/** Run a command inside the container, its words passed as typed, and see its output and exit code. */
export function ExecTab({ deployment }: { deployment: Deployment }) {
  const client = useClient();
  const [command, setCommand] = useState('');
  const [problem, setProblem] = useState<string>();
  const [run, setRun] = useState<Run>();
  const [busy, setBusy] = useState(false);
  if (deployment.state !== 'running')
    return <EmptyTab title="Not running">Commands run inside the container while it runs.</EmptyTab>;

  const execute = async (): Promise<void> => {
    const split = splitCommandLine(command);
    if ('error' in split) return setProblem(split.error);
    if (split.argv.length === 0) return setProblem('Type a command, e.g. ls -la /srv');
    setProblem(undefined);
    setBusy(true);
    try {
      const result = await client.call('containers.exec', { name: deployment.name, command: split.argv });
      setRun({ command, result });
    } catch (error) {
      setRun({ command, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="exec-tab">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void execute();
        }}
      >
        <Group gap="xs" px="md" py={6} wrap="nowrap" align="flex-start">
          <CodeInput
            aria-label="Command"
            placeholder="ls -la /srv   (quotes group words; no shell runs it)"
            value={command}
            onChange={(event) => setCommand(event.currentTarget.value)}
            error={problem}
            leftSection={<IconTerminal size={14} />}
            style={{ flex: 1 }}
            data-testid="exec-command"
          />
          <Button type="submit" loading={busy} data-testid="exec-run">
            Run
          </Button>
        </Group>
      </form>
      {run === undefined ? (
        <EmptyTab title="Nothing run yet">
          The output (stdout and stderr together) and the exit code appear here. The words are passed as
          typed, with no shell between: for pipes or globs, run sh -c &apos;…&apos; where the image has a
          shell.
        </EmptyTab>
      ) : run.error !== undefined ? (
        <div style={{ padding: 12 }}>
          <ErrorAlert error={run.error} title={`${run.command} could not run`} />
        </div>
      ) : (
        <>
          <Group
            gap="xs"
            px="md"
            py={4}
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <Text size="xs" ff="monospace" className="mlw-truncate" style={{ flex: 1 }}>
              $ {run.command}
            </Text>
            <Badge
              size="sm"
              variant="light"
              color={run.result?.exitCode === 0 ? 'teal' : 'red'}
              tt="none"
              className="mlw-num"
              data-testid="exec-exit-code"
            >
              exit {run.result?.exitCode}
            </Badge>
          </Group>
          <pre className={classes.body} data-testid="exec-output">
            {run.result?.output || '(no output)'}
          </pre>
        </>
      )}
    </Stack>
  );
}
