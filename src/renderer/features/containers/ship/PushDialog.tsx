import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  PasswordInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCloudUpload, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { pushResultSchema, type PushResult } from '../../../../shared/contract/containerShip.js';
import { parsePushTarget } from '../../../../shared/containers/pushTarget.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import { openContainerDialog } from '../../../app/navigation/containerRequest.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { isFinished } from '../../../app/query/useJobEventsSync.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { describeError } from '../../../lib/describeError.js';
import { BuiltImageSelect } from '../BuiltImageSelect.js';
import { CodeInput } from '../CodeInput.js';
import { CodeToCopy } from '../CopyValue.js';
import { useBuilds } from '../useContainers.js';
import {
  emptyPushForm,
  pushFailureHint,
  pushRequestOf,
  registryOf,
  savedLoginText,
  type LoginChoice,
  type PushForm,
  type PushFormErrors,
} from './pushForm.js';
import { PushLog } from './PushLog.js';

const LOOKUP_DEBOUNCE_MS = 300;

/**
 * Push a built image to a registry: where to, and with which login (the one saved in the OS keychain
 * or the Docker config, or one typed in and perhaps remembered). The push is a job: its bytes, its
 * log and Cancel show here, then the digest the registry stored.
 */
export function PushDialog({ build, onClose }: { build?: string | undefined; onClose: () => void }) {
  const builds = useBuilds();
  const built = (builds.data ?? []).filter((record) => record.status === 'built' && record.image);
  const [picked, setPicked] = useState<string | null>(build ?? null);
  const record = built.find((candidate) => candidate.id === (picked ?? built[0]?.id));

  return (
    <Modal opened onClose={onClose} title="Push to a registry" size="lg" data-testid="push-dialog">
      <Stack gap="sm">
        {build === undefined && (
          <BuiltImageSelect
            builds={built}
            pending={builds.isPending}
            value={record?.id ?? null}
            onChange={setPicked}
            testId="push-build"
          />
        )}
        {record ? (
          <PushPanel key={record.id} record={record} onClose={onClose} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="push-nothing">
            {builds.isPending
              ? 'Reading the builds…'
              : 'Build an image first: only a built image can be pushed.'}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

function PushPanel({ record, onClose }: { record: BuildRecord; onClose: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PushForm>(() => emptyPushForm(record));
  const [errors, setErrors] = useState<PushFormErrors>();
  const [starting, setStarting] = useState(false);
  const [startFailure, setStartFailure] = useState<unknown>();
  /** The attempt the job belongs to: a refusal's advice depends on how it logged in. */
  const [attempt, setAttempt] = useState<{ jobId: string; login: LoginChoice }>();
  const job = useCall('jobs.get', { id: attempt?.jobId ?? '' }, { enabled: attempt !== undefined });
  const password = useRef<HTMLInputElement>(null);
  const set = <K extends keyof PushForm>(key: K, value: PushForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const [lookupTarget] = useDebouncedValue(form.target, LOOKUP_DEBOUNCE_MS);
  const registry = registryOf(lookupTarget);
  const saved = useCall(
    'containers.registryCredentials',
    { registry: registry ?? '' },
    { enabled: registry !== undefined, staleTime: 0 },
  );

  const current = job.data;
  const active = current !== undefined && !isFinished(current);
  const failure = current?.status === 'failed' ? current.error : startFailure;
  const refused = describeError(failure).code === 'UNAUTHORIZED';

  // A refused password is typed again, so the field it goes in has the focus.
  useEffect(() => {
    if (current?.status === 'failed' && attempt?.login === 'enter') password.current?.focus();
  }, [current?.status, attempt?.login]);

  const start = async (): Promise<void> => {
    const parsed = pushRequestOf(record.id, form);
    if (parsed.errors) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(undefined);
    setStartFailure(undefined);
    setStarting(true);
    // The password leaves the form with the request: nothing keeps it once it is sent.
    setForm((previous) => ({ ...previous, password: '' }));
    try {
      const started = await client.call('containers.push', parsed.request);
      queryClient.setQueryData(callKey('jobs.get', { id: started.id }), started);
      setAttempt({ jobId: started.id, login: form.login });
    } catch (error) {
      setStartFailure(error);
    } finally {
      setStarting(false);
    }
  };

  const cancel = (): void => {
    if (attempt) client.call('jobs.cancel', { id: attempt.jobId }).catch(setStartFailure);
  };

  if (current?.status === 'succeeded') {
    const result = pushResultSchema.safeParse(current.result);
    if (result.success) return <Pushed result={result.data} job={current} onClose={onClose} />;
  }

  if (active)
    return (
      <Stack gap="sm" data-testid="push-running">
        <Text size="sm">
          Pushing{' '}
          <Code fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {referenceOf(form.target)}
          </Code>
        </Text>
        <div data-testid="push-progress">
          <JobProgressBar job={current} />
        </div>
        <PushLog job={current} />
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            Closing this leaves the push running; the build lists it under Pushes once done.
          </Text>
          <Button
            variant="default"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            onClick={cancel}
            data-testid="push-cancel"
          >
            Cancel
          </Button>
        </Group>
      </Stack>
    );

  const loginLabel = savedLoginText(registry === undefined ? undefined : saved.data);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
      autoComplete="off"
    >
      <Stack gap="sm">
        <CodeInput
          label="Push to"
          description="registry/repository[:tag]; without a tag it is latest, without a registry Docker Hub"
          placeholder="ghcr.io/acme/churn:3"
          value={form.target}
          onChange={(event) => set('target', event.currentTarget.value)}
          error={errors?.target}
          data-testid="push-target"
          data-autofocus
        />
        <Radio.Group
          label="Login"
          styles={{ label: { fontSize: 'var(--mantine-font-size-xs)' } }}
          value={form.login}
          onChange={(value) => set('login', value === 'enter' ? 'enter' : 'saved')}
        >
          <Stack gap={8} mt={6}>
            <Radio
              value="saved"
              label="From the OS keychain or the Docker config"
              description={saved.isError ? `Not known: ${describeError(saved.error).message}` : loginLabel}
              data-testid="push-login-saved"
              data-source={registry === undefined ? undefined : saved.data?.source}
            />
            <Radio value="enter" label="Enter username and password" data-testid="push-login-enter" />
          </Stack>
        </Radio.Group>
        {form.login === 'enter' && (
          <Stack gap="xs" pl={28}>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Username"
                value={form.username}
                onChange={(event) => set('username', event.currentTarget.value)}
                error={errors?.username}
                spellCheck={false}
                autoComplete="off"
                data-testid="push-username"
              />
              <PasswordInput
                ref={password}
                label="Password or access token"
                value={form.password}
                onChange={(event) => set('password', event.currentTarget.value)}
                error={errors?.password}
                autoComplete="new-password"
                size="xs"
                data-testid="push-password"
              />
            </SimpleGrid>
            <Checkbox
              label="Remember in the OS keychain"
              description={`For ${registry ?? 'this registry'}: later pushes find it there. Never written to the workspace.`}
              checked={form.remember}
              onChange={(event) => set('remember', event.currentTarget.checked)}
              data-testid="push-remember"
            />
          </Stack>
        )}
        {failure !== undefined && (
          <ErrorAlert
            error={{
              ...describeError(failure),
              hint: pushFailureHint(failure, attempt?.login ?? form.login),
            }}
            title={refused ? 'The registry refused the login' : 'The push failed'}
          />
        )}
        {current?.status === 'cancelled' && (
          <Text size="xs" c="dimmed" data-testid="push-cancelled">
            The push was cancelled; what the registry received of it stays unnamed until a push completes.
          </Text>
        )}
        {current && current.status !== 'succeeded' && <PushLog key={current.id} job={current} />}
        <Group justify="space-between" mt="xs">
          <Button variant="subtle" color="gray" onClick={onClose} disabled={starting}>
            Close
          </Button>
          <Button
            type="submit"
            leftSection={<IconCloudUpload size={14} />}
            loading={starting}
            data-testid="push-start"
          >
            Push
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `registry/repository:tag` as the push names it (the tag latest when none was typed). */
function referenceOf(text: string): string {
  const parsed = parsePushTarget(text);
  return 'target' in parsed ? parsed.target.reference : text;
}

const SOURCE_WORDS: Record<PushResult['credentials'], string> = {
  given: 'the login entered',
  keychain: 'the login kept in the OS keychain',
  'docker-config': 'the login in the Docker config',
  'credential-helper': "the Docker config's credential helper",
  none: 'no login',
};

function Pushed({ result, job, onClose }: { result: PushResult; job: Job; onClose: () => void }) {
  const target = parsePushTarget(result.reference);
  const pinned =
    result.digest && 'target' in target ? `${target.target.repository}@${result.digest}` : undefined;
  return (
    <Stack gap="sm" data-testid="push-done">
      <Text size="sm">
        Pushed{' '}
        <Code fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="push-reference">
          {result.reference}
        </Code>{' '}
        with {SOURCE_WORDS[result.credentials]}.
      </Text>
      {result.digest ? (
        <Stack gap={4}>
          <Text size="xs" fw={500}>
            Digest
          </Text>
          <CodeToCopy
            value={result.digest}
            label="Copy the digest"
            fz="xs"
            testId="push-digest"
            copyTestId="push-digest-copy"
          />
          {pinned && (
            <>
              <Text size="xs" fw={500} mt={4}>
                Pull exactly this image as
              </Text>
              <CodeToCopy value={pinned} label="Copy the pinned reference" fz="xs" testId="push-pinned" />
            </>
          )}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          The registry named no digest for it.
        </Text>
      )}
      {result.remembered && (
        <Text size="xs" c="dimmed" data-testid="push-remembered">
          The login is kept in the OS keychain for {result.registry}.
        </Text>
      )}
      {result.rememberProblem && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="The login was not remembered"
          data-testid="push-remember-problem"
        >
          <Text size="xs">{result.rememberProblem}</Text>
        </Alert>
      )}
      <PushLog job={job} />
      <Group justify="space-between" mt="xs">
        <Button variant="subtle" color="gray" onClick={onClose} data-testid="push-close">
          Close
        </Button>
        <Button
          variant="default"
          onClick={() => openContainerDialog({ dialog: 'export', build: result.buildId, kind: 'kubernetes' })}
          data-testid="push-export"
        >
          Export for Kubernetes…
        </Button>
      </Group>
    </Stack>
  );
}
