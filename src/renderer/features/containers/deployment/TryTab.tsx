import { Badge, Button, Group, Kbd, Select, Text, Tooltip } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBrandPython, IconBrandTypescript, IconSend, IconTerminal2 } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { Deployment, TryResponse } from '../../../../shared/contract/containerDeployments.js';
import {
  curlSnippet,
  pythonSnippet,
  typescriptSnippet,
  type SnippetRequest,
} from '../../../../shared/containers/requestSnippets.js';
import { formatNumber } from '../../../../shared/format/numbers.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { modKeyLabel } from '../../../lib/platform.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { RequestEditor } from './RequestEditor.js';
import { compactJson, parseMetadata, sampleBodies } from './sampleRequest.js';
import classes from './TryTab.module.css';

interface Route {
  path: string;
  method: 'GET' | 'POST';
}

function routesOf(modelName: string): Route[] {
  return [
    { path: '/health', method: 'GET' },
    { path: '/ready', method: 'GET' },
    { path: '/metadata', method: 'GET' },
    { path: '/predict', method: 'POST' },
    { path: `/v2/models/${modelName}/infer`, method: 'POST' },
  ];
}

/** A body as people read it: JSON pretty-printed, anything else as it came. */
function prettyBody(body: string): string {
  try {
    return compactJson(JSON.parse(body));
  } catch {
    return body;
  }
}

/** Latency to a tenth of a millisecond below 10 ms, whole milliseconds above. */
function formatLatency(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : formatNumber(Math.round(ms))} ms`;
}

function statusColor(status: number): string {
  if (status < 300) return 'teal';
  if (status < 500) return 'orange';
  return 'red';
}

/**
 * Try: send one request to the deployment through the workbench (which adds its API key). The
 * bodies start from the model's signature as the server's /metadata gives it.
 */
export function TryTab({ deployment }: { deployment: Deployment }) {
  const running = deployment.state === 'running';
  const metadata = useCall(
    'containers.try',
    { name: deployment.name, method: 'GET', path: '/metadata' },
    { enabled: running, staleTime: Infinity, retry: false },
  );
  if (!running)
    return (
      <EmptyTab title="Not running" testId="try-not-running">
        Requests can be sent while the deployment runs.
      </EmptyTab>
    );
  if (metadata.isPending) return <LoadingState label="Asking the server for the model's inputs…" />;
  const served = metadata.data?.status === 200 ? parseMetadata(metadata.data.body) : undefined;
  const modelName = served?.name ?? deployment.model?.name ?? 'model';
  const bodies = served
    ? sampleBodies(served)
    : { predict: '{\n  "inputs": {}\n}', infer: '{\n  "inputs": []\n}' };
  return (
    <TryPanel
      deployment={deployment}
      modelName={modelName}
      initialBodies={bodies}
      signatureKnown={served !== undefined}
    />
  );
}

function TryPanel({
  deployment,
  modelName,
  initialBodies,
  signatureKnown,
}: {
  deployment: Deployment;
  modelName: string;
  initialBodies: { predict: string; infer: string };
  signatureKnown: boolean;
}) {
  const client = useClient();
  const clipboard = useClipboard({ timeout: 1500 });
  const routes = routesOf(modelName);
  const [path, setPath] = useState('/metadata');
  const [bodies, setBodies] = useState<Record<string, string>>({
    '/predict': initialBodies.predict,
    [`/v2/models/${modelName}/infer`]: initialBodies.infer,
  });
  const [answer, setAnswer] = useState<
    | { step: 'idle' }
    | { step: 'sending'; path: string }
    | { step: 'answered'; path: string; method: string; response: TryResponse }
    | { step: 'failed'; path: string; error: unknown }
  >({ step: 'idle' });
  const route = routes.find((r) => r.path === path) ?? routes[2]!;
  const body = route.method === 'POST' ? (bodies[route.path] ?? '') : undefined;
  const request: SnippetRequest = {
    url: deployment.url,
    method: route.method,
    path: route.path,
    body,
    auth: deployment.auth,
  };

  const send = (): void => {
    if (answer.step === 'sending') return;
    const sent = route;
    setAnswer({ step: 'sending', path: sent.path });
    client
      .call('containers.try', {
        name: deployment.name,
        method: sent.method,
        path: sent.path,
        ...(body === undefined ? {} : { body }),
      })
      .then((response) => setAnswer({ step: 'answered', path: sent.path, method: sent.method, response }))
      .catch((error: unknown) => setAnswer({ step: 'failed', path: sent.path, error }));
  };

  const copy = (label: string, text: string): void => {
    clipboard.copy(text);
    notifications.show({
      color: 'teal',
      autoClose: 2500,
      message: deployment.auth
        ? `Copied as ${label}. It reads the API key from $MLW_API_KEY.`
        : `Copied as ${label}.`,
    });
  };

  // Ctrl/Cmd+Enter sends from anywhere in the tab; inside the editor, Monaco's own action does it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    if ((event.target as Element).closest('.monaco-editor')) return;
    event.preventDefault();
    send();
  };

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
      onKeyDown={onKeyDown}
      data-testid="try-tab"
    >
      <Group justify="space-between" px="md" py={6} wrap="nowrap" style={{ flex: 'none' }}>
        <Group gap="xs" wrap="nowrap">
          <Badge
            variant="light"
            color={route.method === 'POST' ? 'grape' : 'blue'}
            miw={56}
            style={{ flex: 'none' }}
            data-testid="try-method"
          >
            {route.method}
          </Badge>
          <Select
            aria-label="Path"
            data={routes.map((r) => r.path)}
            value={route.path}
            onChange={(value) => value && setPath(value)}
            allowDeselect={false}
            size="xs"
            w={300}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            comboboxProps={{ withinPortal: true }}
            data-testid="try-path"
          />
          <Tooltip label={`${modKeyLabel()}+Enter`}>
            <Button
              leftSection={<IconSend size={14} />}
              onClick={send}
              loading={answer.step === 'sending'}
              data-testid="try-send"
            >
              Send
            </Button>
          </Tooltip>
          <Text size="xs" c="dimmed" visibleFrom="lg">
            <Kbd size="xs">{modKeyLabel()}</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" mr={4}>
            Copy as
          </Text>
          <Button
            variant="default"
            size="compact-xs"
            leftSection={<IconTerminal2 size={13} />}
            onClick={() => copy('curl', curlSnippet(request))}
            data-testid="try-copy-curl"
          >
            curl
          </Button>
          <Button
            variant="default"
            size="compact-xs"
            leftSection={<IconBrandPython size={13} />}
            onClick={() => copy('Python', pythonSnippet(request))}
            data-testid="try-copy-python"
          >
            Python
          </Button>
          <Button
            variant="default"
            size="compact-xs"
            leftSection={<IconBrandTypescript size={13} />}
            onClick={() => copy('TypeScript', typescriptSnippet(request))}
            data-testid="try-copy-typescript"
          >
            TypeScript
          </Button>
        </Group>
      </Group>
      <div className={classes.split}>
        <div className={classes.pane}>
          <div className={classes.paneTitle}>
            <Text size="xs" fw={600}>
              Request body
            </Text>
            <Text size="xs" c="dimmed" className="mlw-truncate">
              {route.method === 'GET'
                ? ''
                : signatureKnown
                  ? 'From the model’s inputs, one row'
                  : 'The server did not describe its inputs: write them in'}
            </Text>
          </div>
          {route.method === 'POST' ? (
            <RequestEditor
              key={route.path}
              value={body ?? ''}
              onChange={(text) => setBodies((known) => ({ ...known, [route.path]: text }))}
              onSend={send}
            />
          ) : (
            <EmptyTab title={`GET ${route.path} sends no body`}>
              {deployment.auth && !['/health', '/ready'].includes(route.path)
                ? 'The workbench adds the deployment’s API key; the copied snippets read it from $MLW_API_KEY.'
                : 'Pick /predict or the v2 infer route to send the model inputs.'}
            </EmptyTab>
          )}
        </div>
        <div className={classes.pane}>
          <div className={classes.paneTitle}>
            <Text size="xs" fw={600}>
              Response
            </Text>
            {answer.step === 'answered' && (
              <Group gap={6} wrap="nowrap">
                <Badge
                  size="sm"
                  variant="light"
                  color={statusColor(answer.response.status)}
                  className="mlw-num"
                  data-testid="try-status"
                >
                  {answer.response.status}
                </Badge>
                <Text size="xs" c="dimmed" className="mlw-num" data-testid="try-latency">
                  {formatLatency(answer.response.ms)}
                </Text>
                <Text size="xs" c="dimmed" className="mlw-truncate" ff="monospace">
                  {answer.method} {answer.path}
                </Text>
              </Group>
            )}
          </div>
          {answer.step === 'idle' && (
            <EmptyTab title="Nothing sent yet">
              Send the request to see the server’s status, latency and answer.
            </EmptyTab>
          )}
          {answer.step === 'sending' && <LoadingState label={`Sending ${answer.path}…`} />}
          {answer.step === 'failed' && (
            <div style={{ padding: 12 }}>
              <ErrorAlert error={answer.error} title="The request could not be sent" />
            </div>
          )}
          {answer.step === 'answered' && (
            <pre
              className={classes.body}
              data-testid="try-response"
              data-path={answer.path}
              data-status={answer.response.status}
            >
              {prettyBody(answer.response.body)}
              {answer.response.truncated && '\n… (the rest of the body is left out)'}
            </pre>
          )}
        </div>
      </div>
    </div>
  );
}
