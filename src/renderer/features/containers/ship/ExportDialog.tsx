import {
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconCopy, IconDeviceFloppy } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import type { ExportResult } from '../../../../shared/contract/containerShip.js';
import type { ExportKind } from '../../../app/navigation/containerRequest.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import type { WorkbenchClient } from '../../../lib/client.js';
import { CODE_INPUT_STYLES, CodeInput } from '../CodeInput.js';
import {
  defaultImage,
  emptyExportForm,
  exportFailureOf,
  exportPath,
  exportRequestOf,
  sampleRequestOf,
  type ExportForm,
  type ExportFormErrors,
  type ExportRequest,
  DEFAULT_CPU,
  DEFAULT_MEMORY,
} from './exportForm.js';
import { YamlPreview } from './YamlPreview.js';

const PREVIEW_DEBOUNCE_MS = 300;

const KINDS: { value: ExportKind; label: string }[] = [
  { value: 'kubernetes', label: 'Kubernetes manifests' },
  { value: 'kserve', label: 'KServe InferenceService' },
  { value: 'workflow', label: 'GitHub Actions workflow' },
];

const WHAT: Record<ExportKind, string> = {
  kubernetes:
    'A Deployment with probes and a restricted security context, a ClusterIP Service and, if asked, a HorizontalPodAutoscaler: kubectl apply -f it.',
  kserve:
    'A KServe v1beta1 InferenceService (RawDeployment, Open Inference Protocol v2) running this image as its custom container.',
  workflow:
    'A workflow that builds the image from its context, waits for /ready, sends one /predict, and pushes from the default branch only.',
};

function callExport(client: WorkbenchClient, request: ExportRequest, write: boolean): Promise<ExportResult> {
  if (request.kind === 'workflow')
    return client.call('containers.exportWorkflow', { ...request.input, write });
  const name = request.kind === 'kserve' ? 'containers.exportKserve' : 'containers.exportKubernetes';
  return client.call(name, { ...request.input, write });
}

/**
 * Export a build for deployment: Kubernetes manifests, a KServe InferenceService or a CI workflow.
 * The settings are checked as the contract checks them, the YAML is previewed as they change (the
 * backend makes it, without writing), and Write puts it in builds/<id>/export/.
 */
export function ExportDialog({
  build,
  kind: initialKind,
  onClose,
}: {
  build: string;
  kind: ExportKind;
  onClose: () => void;
}) {
  const detail = useCall('containers.getBuild', { id: build });
  return (
    <Modal
      opened
      onClose={onClose}
      title="Export for deployment"
      size="min(1180px, 94vw)"
      data-testid="export-dialog"
    >
      {detail.isPending ? (
        <LoadingState label="Reading the build…" />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} title={`Build ${build} could not be read`} />
      ) : (
        <ExportPanel record={detail.data.record} initialKind={initialKind} onClose={onClose} />
      )}
    </Modal>
  );
}

function ExportPanel({
  record,
  initialKind,
  onClose,
}: {
  record: BuildRecord;
  initialKind: ExportKind;
  onClose: () => void;
}) {
  const client = useClient();
  const [kind, setKind] = useState<ExportKind>(initialKind);
  const [fields, setFields] = useState<ExportForm>(() => emptyExportForm(''));
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState<ExportResult>();
  const [writeFailure, setWriteFailure] = useState<unknown>();
  /** The request body as edited; until then, the one made from the model's inputs. */
  const [sampleEdited, setSampleEdited] = useState<string>();
  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]) =>
    key === 'sampleRequest'
      ? setSampleEdited(value as string)
      : setFields((previous) => ({ ...previous, [key]: value }));

  // The workflow's check sends one /predict: its body starts as one row made from the model's inputs.
  const card = useCall('models.get', { name: record.model.name, version: record.model.version });
  const sample = card.data ? sampleRequestOf(card.data.card) : '';
  const form = useMemo(
    () => ({ ...fields, sampleRequest: sampleEdited ?? sample }),
    [fields, sampleEdited, sample],
  );

  const pulled = defaultImage(record);
  const last = record.pushes.at(-1);
  const checked = useMemo(
    () => exportRequestOf(kind, record.id, form, pulled !== undefined),
    [kind, record.id, form, pulled],
  );
  const [request] = useDebouncedValue(checked.request, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: ['containers.exportPreview', request ?? null],
    queryFn: () => callExport(client, request as ExportRequest, false),
    enabled: request !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const refused = preview.isError ? exportFailureOf(preview.error) : undefined;
  const writeRefused = writeFailure === undefined ? undefined : exportFailureOf(writeFailure);
  const errors: ExportFormErrors = {
    ...writeRefused?.fields,
    ...refused?.fields,
    ...checked.errors,
  };
  const alert = checked.errors ? undefined : (refused?.alert ?? writeRefused?.alert);
  const yaml = preview.data?.yaml ?? '';
  const stale =
    checked.errors !== undefined || preview.isError || preview.isFetching || request !== checked.request;
  const path = exportPath(record.id, kind);
  const isWritten = written !== undefined && written.path === path && written.yaml === yaml && !stale;

  const write = async (): Promise<void> => {
    if (!checked.request) return;
    setWriting(true);
    setWriteFailure(undefined);
    try {
      setWritten(await callExport(client, checked.request, true));
    } catch (error) {
      setWriteFailure(error);
    } finally {
      setWriting(false);
    }
  };

  const cluster = kind !== 'workflow';
  return (
    <Stack gap="sm" data-testid="export-panel" data-kind={kind}>
      <SegmentedControl value={kind} onChange={setKind} data={KINDS} size="xs" data-testid="export-kind" />
      <Text size="xs" c="dimmed">
        {WHAT[kind]}
      </Text>
      <Group align="stretch" gap="md" wrap="nowrap" h="min(560px, 64vh)">
        <Stack gap="sm" w={340} style={{ flex: 'none', overflowY: 'auto' }} pr={4}>
          <CodeInput
            label={cluster ? 'Image the cluster pulls' : 'Image the workflow pushes'}
            description={
              last
                ? `Blank: the last push, ${last.reference}, pinned by its digest`
                : 'Required: this build has not been pushed yet'
            }
            placeholder={pulled ? 'the last push' : 'ghcr.io/acme/churn:3'}
            value={form.image}
            onChange={(event) => set('image', event.currentTarget.value)}
            error={errors.image}
            data-testid="export-image"
            data-autofocus
          />
          {cluster ? (
            <>
              <NumberInput
                label="Replicas"
                description={form.autoscale ? 'The autoscaler chooses' : 'Blank: 1'}
                placeholder="1"
                value={form.autoscale ? '' : form.replicas}
                onChange={(value) => set('replicas', value)}
                error={errors.replicas}
                disabled={form.autoscale}
                min={0}
                max={1000}
                allowDecimal={false}
                hideControls
                size="xs"
                data-testid="export-replicas"
              />
              <SimpleGrid cols={2} spacing="sm">
                <CodeInput
                  label="CPU"
                  description="Requested = limit"
                  placeholder={DEFAULT_CPU}
                  value={form.cpu}
                  onChange={(event) => set('cpu', event.currentTarget.value)}
                  error={errors.cpu}
                  data-testid="export-cpu"
                />
                <CodeInput
                  label="Memory"
                  description="Both blank: none"
                  placeholder={DEFAULT_MEMORY}
                  value={form.memory}
                  onChange={(event) => set('memory', event.currentTarget.value)}
                  error={errors.memory}
                  data-testid="export-memory"
                />
              </SimpleGrid>
              <Checkbox
                label="Autoscale on CPU"
                description={
                  kind === 'kserve'
                    ? 'KServe’s HPA autoscaler class between the bounds'
                    : 'A HorizontalPodAutoscaler (autoscaling/v2)'
                }
                checked={form.autoscale}
                onChange={(event) => set('autoscale', event.currentTarget.checked)}
                size="xs"
                data-testid="export-autoscale"
              />
              {form.autoscale && (
                <SimpleGrid cols={3} spacing="xs">
                  <NumberInput
                    label="Min pods"
                    value={form.autoscaleMin}
                    onChange={(value) => set('autoscaleMin', value)}
                    error={errors.autoscaleMin}
                    min={1}
                    max={1000}
                    allowDecimal={false}
                    hideControls
                    size="xs"
                    data-testid="export-autoscale-min"
                  />
                  <NumberInput
                    label="Max pods"
                    value={form.autoscaleMax}
                    onChange={(value) => set('autoscaleMax', value)}
                    error={errors.autoscaleMax}
                    min={1}
                    max={1000}
                    allowDecimal={false}
                    hideControls
                    size="xs"
                    data-testid="export-autoscale-max"
                  />
                  <NumberInput
                    label="CPU target"
                    value={form.cpuPercent}
                    onChange={(value) => set('cpuPercent', value)}
                    error={errors.cpuPercent}
                    min={1}
                    max={100}
                    allowDecimal={false}
                    suffix="%"
                    hideControls
                    size="xs"
                    data-testid="export-autoscale-cpu"
                  />
                </SimpleGrid>
              )}
              <CodeInput
                label="API key Secret"
                description="A Secret whose api-key entry /predict requires; blank: no key"
                placeholder="churn-api-key"
                value={form.apiKeySecretName}
                onChange={(event) => set('apiKeySecretName', event.currentTarget.value)}
                error={errors.apiKeySecretName}
                data-testid="export-api-key-secret"
              />
            </>
          ) : (
            <>
              <CodeInput
                label="Build context"
                description="The folder with the Dockerfile, in the repository"
                placeholder={`builds/${record.id}/context`}
                value={form.buildContext}
                onChange={(event) => set('buildContext', event.currentTarget.value)}
                error={errors.buildContext}
                data-testid="export-build-context"
              />
              <Textarea
                label="Request the check sends"
                description="The JSON body of one POST /predict"
                value={form.sampleRequest}
                onChange={(event) => set('sampleRequest', event.currentTarget.value)}
                error={errors.sampleRequest}
                styles={CODE_INPUT_STYLES}
                spellCheck={false}
                autosize
                minRows={4}
                maxRows={10}
                size="xs"
                data-testid="export-sample"
              />
              <SimpleGrid cols={2} spacing="sm">
                <CodeInput
                  label="Username secret"
                  value={form.registryUsernameSecret}
                  onChange={(event) => set('registryUsernameSecret', event.currentTarget.value)}
                  error={errors.registryUsernameSecret}
                  data-testid="export-username-secret"
                />
                <CodeInput
                  label="Password secret"
                  value={form.registryPasswordSecret}
                  onChange={(event) => set('registryPasswordSecret', event.currentTarget.value)}
                  error={errors.registryPasswordSecret}
                  data-testid="export-password-secret"
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                Repository secrets with the registry login; a push to ghcr.io uses the workflow’s own token
                instead.
              </Text>
            </>
          )}
        </Stack>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            {/* A long build id is cut in the middle of the path: the file's own name stays in view. */}
            <Code
              fz="xs"
              title={path}
              style={{ minWidth: 0, display: 'flex', whiteSpace: 'nowrap' }}
              data-testid="export-path"
            >
              <span className="mlw-truncate">{path.slice(0, path.lastIndexOf('/') + 1)}</span>
              <span style={{ flex: 'none' }}>{path.slice(path.lastIndexOf('/') + 1)}</span>
            </Code>
            <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
              <CopyButton value={yaml} timeout={1500}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    onClick={copy}
                    disabled={yaml === '' || stale}
                    data-testid="export-copy"
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
              <Button
                size="xs"
                leftSection={isWritten ? <IconCheck size={14} /> : <IconDeviceFloppy size={14} />}
                onClick={() => void write()}
                loading={writing}
                disabled={checked.request === undefined || isWritten}
                data-testid="export-write"
              >
                {isWritten ? 'Written' : 'Write to the workspace'}
              </Button>
            </Group>
          </Group>
          {alert !== undefined && <ErrorAlert error={alert} title="The export cannot be made" />}
          {yaml === '' && !preview.isError ? (
            <Text size="xs" c="dimmed" p="md" data-testid="export-yaml-empty">
              {checked.errors ? 'Correct the settings marked to see the YAML.' : 'Making the YAML…'}
            </Text>
          ) : (
            yaml !== '' && <YamlPreview value={yaml} stale={stale} />
          )}
        </Stack>
      </Group>
      <Group justify="space-between">
        <Text size="xs" c={isWritten ? 'teal' : 'dimmed'} data-testid="export-status">
          {isWritten
            ? `Written to ${written?.path ?? path} in the workspace.`
            : 'A preview: nothing is written until you write it.'}
        </Text>
        <Button variant="subtle" color="gray" onClick={onClose} data-testid="export-close">
          Close
        </Button>
      </Group>
    </Stack>
  );
}
