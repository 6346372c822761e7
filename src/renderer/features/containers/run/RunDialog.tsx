import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconKey, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import { useClient } from '../../../app/query/clientContext.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { BuiltImageSelect } from '../BuiltImageSelect.js';
import { CodeInput } from '../CodeInput.js';
import { CodeToCopy } from '../CopyValue.js';
import { useBuilds } from '../useContainers.js';
import { emptyRunForm, runRequestOf, type RunForm, type RunFormErrors } from './runForm.js';

type Phase =
  | { step: 'form'; errors?: RunFormErrors; failure?: unknown }
  | { step: 'starting' }
  | { step: 'started'; deployment: Deployment; apiKey: string | null };

/**
 * Run a built image on 127.0.0.1: name, port, limits, environment, capture and an API key. The run
 * returns once the server answers /ready; its URL is shown, and its API key once, to copy.
 */
export function RunDialog({
  build,
  onClose,
  onOpen,
}: {
  build?: string | undefined;
  onClose: () => void;
  /** Opens the deployment that was started. */
  onOpen: (name: string) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const builds = useBuilds();
  const built = (builds.data ?? []).filter((record) => record.status === 'built');
  const [picked, setPicked] = useState<string | null>(build ?? null);
  const chosen = picked ?? built[0]?.id ?? null;
  const [form, setForm] = useState<RunForm>(emptyRunForm);
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const errors = phase.step === 'form' ? phase.errors : undefined;

  const start = async (): Promise<void> => {
    if (!chosen) return;
    const parsed = runRequestOf(chosen, form);
    if (parsed.errors) {
      setPhase({ step: 'form', errors: parsed.errors });
      return;
    }
    setPhase({ step: 'starting' });
    try {
      const started = await client.call('containers.run', parsed.request);
      await queryClient.invalidateQueries({ queryKey: ['containers.ps'] });
      setPhase({ step: 'started', deployment: started.deployment, apiKey: started.apiKey });
    } catch (failure) {
      setPhase({ step: 'form', failure });
    }
  };

  if (phase.step === 'started') {
    const { deployment, apiKey } = phase;
    const close = () => onOpen(deployment.name);
    return (
      <Modal
        opened
        onClose={close}
        title={`${deployment.name} is running`}
        size="lg"
        data-testid="run-dialog"
      >
        <Stack gap="sm" data-testid="run-started">
          <Text size="sm">It answers /ready; send it requests at</Text>
          <CodeToCopy value={deployment.url} label="Copy the URL" fz="sm" testId="run-url" />
          {apiKey && (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconKey size={16} />}
              title="Its API key, shown only now"
            >
              <Stack gap={6}>
                <Text size="xs">
                  Requests other than /health and /ready need{' '}
                  <Code fz={11}>Authorization: Bearer &lt;key&gt;</Code>. The workbench sends it for you in
                  Try; copy it now for other clients, since it is kept outside the workspace and not shown
                  again.
                </Text>
                <CodeToCopy
                  value={apiKey}
                  label="Copy the API key"
                  fz="xs"
                  testId="run-api-key"
                  copyTestId="run-api-key-copy"
                />
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={close} data-testid="run-open">
              Open the deployment
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const starting = phase.step === 'starting';
  return (
    <Modal opened onClose={onClose} title="Run a container" size="lg" data-testid="run-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Stack gap="sm">
          {build === undefined && (
            <BuiltImageSelect
              builds={built}
              pending={builds.isPending}
              value={chosen}
              onChange={setPicked}
              testId="run-build"
            />
          )}
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Name"
              description="Blank: <model>-<random>"
              placeholder="churn-canary"
              value={form.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={errors?.name}
              spellCheck={false}
              data-testid="run-name"
              data-autofocus
            />
            <NumberInput
              label="Host port"
              description="On 127.0.0.1; blank: a free one"
              placeholder="free"
              value={form.port}
              onChange={(value) => set('port', value)}
              error={errors?.port}
              min={1}
              max={65535}
              allowDecimal={false}
              hideControls
              size="xs"
              data-testid="run-port"
            />
            <NumberInput
              label="Memory limit"
              description="Blank: no limit"
              placeholder="none"
              rightSection={
                <Text size="xs" c="dimmed">
                  MiB
                </Text>
              }
              value={form.memoryMb}
              onChange={(value) => set('memoryMb', value)}
              error={errors?.memoryMb}
              min={16}
              allowDecimal={false}
              hideControls
              size="xs"
              data-testid="run-memory"
            />
            <NumberInput
              label="CPU limit"
              description="Blank: no limit; 1.5 is one and a half cores"
              placeholder="none"
              rightSection={
                <Text size="xs" c="dimmed">
                  CPUs
                </Text>
              }
              rightSectionWidth={44}
              value={form.cpus}
              onChange={(value) => set('cpus', value)}
              error={errors?.cpus}
              min={0.01}
              step={0.5}
              decimalScale={2}
              hideControls
              size="xs"
              data-testid="run-cpus"
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="xs" fw={500}>
              Environment
            </Text>
            {form.env.map((row, i) => (
              <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                <CodeInput
                  placeholder="NAME"
                  aria-label={`Variable ${i + 1} name`}
                  value={row.key}
                  onChange={(event) => {
                    const key = event.currentTarget.value;
                    set(
                      'env',
                      form.env.map((r, j) => (j === i ? { ...r, key } : r)),
                    );
                  }}
                  error={errors?.env?.[i]}
                  w={200}
                  data-testid="run-env-key"
                />
                <CodeInput
                  placeholder="value"
                  aria-label={`Variable ${i + 1} value`}
                  value={row.value}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    set(
                      'env',
                      form.env.map((r, j) => (j === i ? { ...r, value } : r)),
                    );
                  }}
                  style={{ flex: 1 }}
                  data-testid="run-env-value"
                />
                <ActionIcon
                  mt={3}
                  aria-label={`Remove variable ${i + 1}`}
                  onClick={() =>
                    set('env', form.env.length === 1 ? emptyRunForm.env : form.env.filter((_, j) => j !== i))
                  }
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="compact-xs"
                leftSection={<IconPlus size={12} />}
                onClick={() => set('env', [...form.env, { key: '', value: '' }])}
              >
                Add a variable
              </Button>
            </Group>
          </Stack>
          <Group gap="sm" align="flex-end">
            <Switch
              label="Capture requests and predictions"
              description="Into captures/<name>/ in the workspace, for Drift"
              checked={form.capture}
              onChange={(event) => set('capture', event.currentTarget.checked)}
              data-testid="run-capture"
            />
            {form.capture && (
              <NumberInput
                aria-label="Share of requests captured"
                value={form.samplePercent}
                onChange={(value) => set('samplePercent', value)}
                error={errors?.samplePercent}
                min={0}
                max={100}
                rightSection={
                  <Text size="xs" c="dimmed">
                    %
                  </Text>
                }
                w={90}
                size="xs"
                data-testid="run-sample-rate"
              />
            )}
          </Group>
          <Checkbox
            label="Require an API key"
            description="A key is made for this deployment and shown once; requests other than the probes need it."
            checked={form.auth}
            onChange={(event) => set('auth', event.currentTarget.checked)}
            data-testid="run-auth"
          />
          {phase.step === 'form' && phase.failure !== undefined && (
            <ErrorAlert
              error={phase.failure}
              title="The container did not start"
              onClose={() => setPhase({ step: 'form' })}
            />
          )}
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" color="gray" onClick={onClose} disabled={starting}>
              Cancel
            </Button>
            <Button
              type="submit"
              leftSection={<IconPlayerPlay size={14} />}
              loading={starting}
              disabled={!chosen}
              data-testid="run-start"
            >
              {starting ? 'Waiting for /ready…' : 'Run'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
