import { Alert, Anchor, Button, Code, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconBox, IconFileCode, IconPackage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_BASE_IMAGE } from '../../../../shared/contract/containerBuilds.js';
import type { RegistryModel } from '../../../../shared/contract/modelRegistry.js';
import { defaultImageTag } from '../../../../shared/containers/imageTag.js';
import { routeHash } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { CodeInput } from '../CodeInput.js';
import { LOCAL_BASE_TAG, imageReferenceProblem, initialChoice } from './buildForm.js';

type Phase =
  { step: 'form' } | { step: 'working'; what: 'review' | 'build' } | { step: 'failed'; error: unknown };

/**
 * Build image: a registered model version, the tag and base; "Review Dockerfile first" writes the
 * build context only, "Build" writes it and starts the build job. Either way the build opens.
 */
export function BuildDialog({
  model,
  onClose,
  onPrepared,
}: {
  model?: { name: string; version: number } | undefined;
  onClose: () => void;
  /** The new build's id, once its context is written (and its build started, for Build). */
  onPrepared: (id: string) => void;
}) {
  const models = useCall('models.list', {});
  return (
    <Modal opened onClose={onClose} title="Build a serving image" size="lg" data-testid="build-dialog">
      {models.isPending ? (
        <LoadingState label="Reading the registry…" />
      ) : models.isError ? (
        <ErrorAlert error={models.error} title="The registry could not be read" />
      ) : models.data.length === 0 ? (
        <Stack gap="xs" data-testid="build-dialog-no-models">
          <Text size="sm">An image serves a registered model version, and none is registered yet.</Text>
          <Text size="sm">
            <Anchor href={routeHash({ section: 'models' })} onClick={onClose}>
              Add an .onnx file under Models
            </Anchor>
            , then build it here or from its version&apos;s header.
          </Text>
        </Stack>
      ) : (
        <BuildForm
          models={models.data}
          initial={initialChoice(models.data, model)}
          onClose={onClose}
          onPrepared={onPrepared}
        />
      )}
    </Modal>
  );
}

function BuildForm({
  models,
  initial,
  onClose,
  onPrepared,
}: {
  models: RegistryModel[];
  initial: { name: string; version: number } | undefined;
  onClose: () => void;
  onPrepared: (id: string) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial?.name ?? '');
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [customTag, setCustomTag] = useState<string | null>(null);
  // An air-gapped user picks a local base once; the next build should not send them back to Docker Hub.
  const [base, setBase] = useLocalStorage({ key: 'mlw-build-base', defaultValue: DEFAULT_BASE_IMAGE });
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [localBase, setLocalBase] = useState<
    | { step: 'idle' }
    | { step: 'making' }
    | { step: 'made'; reference: string }
    | { step: 'failed'; error: unknown }
  >({ step: 'idle' });

  const entry = models.find((m) => m.name === name);
  const tag = customTag ?? (entry ? defaultImageTag(name, version) : '');
  const tagProblem = customTag === null ? undefined : imageReferenceProblem(tag);
  const baseProblem = imageReferenceProblem(base);
  const busy = phase.step === 'working';
  const ready = entry !== undefined && !tagProblem && !baseProblem && !busy;

  const makeLocalBase = async (): Promise<void> => {
    setLocalBase({ step: 'making' });
    try {
      const made = await client.call('containers.makeLocalBase', { tag: LOCAL_BASE_TAG });
      setBase(made.reference);
      setLocalBase({ step: 'made', reference: made.reference });
    } catch (error) {
      setLocalBase({ step: 'failed', error });
    }
  };

  const start = async (what: 'review' | 'build'): Promise<void> => {
    if (!ready) return;
    setPhase({ step: 'working', what });
    try {
      const record = await client.call('containers.prepareBuild', {
        model: { name, version },
        tag: tag.trim(),
        base: base.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: ['containers.listBuilds'] });
      if (what === 'build') {
        const job = await client.call('containers.build', { id: record.id });
        queryClient.setQueryData(callKey('jobs.get', { id: job.id }), job);
        await queryClient.invalidateQueries({ queryKey: ['jobs.list'] });
      }
      onPrepared(record.id);
    } catch (error) {
      setPhase({ step: 'failed', error });
    }
  };

  const versions = entry ? [...entry.versions].reverse() : [];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void start('build');
      }}
    >
      <Stack gap="sm">
        <Group gap="sm" grow align="flex-start">
          <Select
            label="Model"
            searchable
            data={models.map((m) => m.name)}
            value={name || null}
            onChange={(value) => {
              const picked = models.find((m) => m.name === value);
              if (!picked) return;
              setName(picked.name);
              setVersion(picked.latest);
            }}
            allowDeselect={false}
            nothingFoundMessage="No registered model has that name"
            size="xs"
            data-testid="build-model"
          />
          <Select
            label="Version"
            data={versions.map((card) => ({
              value: String(card.version),
              label: card.version === entry?.latest ? `v${card.version} (latest)` : `v${card.version}`,
            }))}
            value={entry ? String(version) : null}
            onChange={(value) => value && setVersion(Number(value))}
            allowDeselect={false}
            size="xs"
            maw={160}
            data-testid="build-version"
          />
        </Group>
        <CodeInput
          label="Image tag"
          description="What the image is called on the engine, and in a registry once pushed."
          value={tag}
          onChange={(event) => setCustomTag(event.currentTarget.value)}
          error={tagProblem}
          data-testid="build-tag"
        />
        <CodeInput
          label="Base image"
          description="Any image with Node 20.19 or newer; it is pulled when the engine does not have it."
          value={base}
          onChange={(event) => setBase(event.currentTarget.value)}
          error={baseProblem}
          rightSectionWidth={70}
          rightSection={
            base !== DEFAULT_BASE_IMAGE ? (
              <Button variant="subtle" size="compact-xs" onClick={() => setBase(DEFAULT_BASE_IMAGE)}>
                default
              </Button>
            ) : null
          }
          data-testid="build-base"
        />
        <Alert variant="light" color="gray" p="xs" icon={<IconBox size={16} />} data-testid="local-base-note">
          <Stack gap={6}>
            <Text size="xs">
              An air-gapped engine cannot pull <Code fz={11}>{DEFAULT_BASE_IMAGE}</Code>. A local base is made
              from this machine&apos;s Node, its libraries and busybox, as{' '}
              <Code fz={11}>{LOCAL_BASE_TAG}</Code> (the CLI: <Code fz={11}>mlw container base</Code>).
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                size="compact-xs"
                onClick={() => void makeLocalBase()}
                loading={localBase.step === 'making'}
                disabled={busy}
                data-testid="make-local-base"
              >
                Make a local base
              </Button>
              {localBase.step === 'made' && (
                <Text size="xs" c="teal" data-testid="local-base-made">
                  Made {localBase.reference}; the build uses it.
                </Text>
              )}
            </Group>
            {localBase.step === 'failed' && (
              <ErrorAlert
                error={localBase.error}
                title="The local base could not be made"
                onClose={() => setLocalBase({ step: 'idle' })}
              />
            )}
          </Stack>
        </Alert>
        {phase.step === 'failed' && (
          <ErrorAlert
            error={phase.error}
            title="The build could not start"
            onClose={() => setPhase({ step: 'form' })}
          />
        )}
        <Group justify="space-between" mt="xs">
          <Button variant="subtle" color="gray" onClick={onClose}>
            Cancel
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconFileCode size={14} />}
              disabled={!ready}
              loading={phase.step === 'working' && phase.what === 'review'}
              onClick={() => void start('review')}
              data-testid="build-review"
            >
              Review Dockerfile first
            </Button>
            <Button
              type="submit"
              leftSection={<IconPackage size={14} />}
              disabled={!ready}
              loading={phase.step === 'working' && phase.what === 'build'}
              data-testid="build-start"
            >
              Build
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
