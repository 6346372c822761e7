import { Badge, Button, Group, Menu, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import {
  IconBrandGithub,
  IconChevronDown,
  IconCloudUpload,
  IconDeviceFloppy,
  IconFileExport,
  IconHammer,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconServer2,
  IconShieldCheck,
  IconSitemap,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BuildDetail as BuildDetailData } from '../../../../shared/contract/containerBuilds.js';
import type { DockerfileFinding, SourceRange } from '../../../../shared/contract/containers.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { openContainerDialog } from '../../../app/navigation/containerRequest.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { isActiveJob, shownBuildStatus } from '../buildJob.js';
import { BuildStatusBadge } from '../StatusBadges.js';
import { useBuildJob } from '../useContainers.js';
import { BuildFacts } from './BuildFacts.js';
import { BuildLog } from './BuildLog.js';
import { DockerfileEditor } from './DockerfileEditor.js';
import { FindingsList } from './FindingsList.js';
import { BuildLoadTests } from '../loadtest/BuildLoadTests.js';
import { LayersTable } from './LayersTable.js';
import { PushesSection } from '../ship/PushesSection.js';
import { VerificationSection } from './VerificationSection.js';
import { VerifyDialog } from './VerifyDialog.js';
import classes from '../../../components/layout/DetailLayout.module.css';
import { notifyError } from '../../../lib/notifyError.js';

type Tab = 'dockerfile' | 'log' | 'image' | 'loadtests';

/**
 * One build: what it is made of, its Dockerfile (edit, lint, save), its build job's log, its image,
 * and its load tests against the other builds of its model.
 */
export function BuildDetail({ id }: { id: string }) {
  const detail = useCall('containers.getBuild', { id });
  const job = useBuildJob(id);
  if (detail.isPending) return <LoadingState label="Reading the build…" />;
  if (detail.isError)
    return (
      <div style={{ padding: 16 }} data-testid="build-error">
        <ErrorAlert error={detail.error} title={`Build ${id} could not be read`} />
      </div>
    );
  return <BuildView key={id} detail={detail.data} job={job} />;
}

function BuildView({ detail, job }: { detail: BuildDetailData; job: Job | undefined }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const { record } = detail;
  const active = isActiveJob(job);
  const status = shownBuildStatus(record, job);
  const [draft, setDraft] = useState(detail.dockerfile);
  const [tab, setTab] = useState<Tab>(active ? 'log' : 'dockerfile');
  const [verifying, setVerifying] = useState(false);
  const [reveal, setReveal] = useState<{ range: SourceRange; seq: number }>();
  const [saving, setSaving] = useState(false);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; error: unknown }>();
  const dirty = draft !== detail.dockerfile;

  const save = async (): Promise<boolean> => {
    if (active) return false;
    setSaving(true);
    try {
      const saved = await client.call('containers.saveDockerfile', { id: record.id, text: draft });
      queryClient.setQueryData(callKey('containers.getBuild', { id: record.id }), saved);
      setProblem(undefined);
      return true;
    } catch (error) {
      setProblem({ title: 'The Dockerfile could not be saved', error });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const build = async (): Promise<void> => {
    if (dirty && !(await save())) return;
    setStarting(true);
    try {
      const started = await client.call('containers.build', { id: record.id });
      queryClient.setQueryData(callKey('jobs.get', { id: started.id }), started);
      await queryClient.invalidateQueries({ queryKey: ['jobs.list'] });
      setProblem(undefined);
      setTab('log');
    } catch (error) {
      setProblem({ title: 'The build could not start', error });
    } finally {
      setStarting(false);
    }
  };

  const cancel = (): void => {
    if (!job) return;
    client.call('jobs.cancel', { id: job.id }).catch((error: unknown) => {
      notifyError(error);
    });
  };

  const pick = (finding: DockerfileFinding): void => {
    setTab('dockerfile');
    setReveal((previous) => ({ range: finding.range, seq: (previous?.seq ?? 0) + 1 }));
  };

  const errors = detail.findings.filter((f) => f.severity === 'error').length;
  const warnings = detail.findings.filter((f) => f.severity === 'warning').length;
  const built = record.status === 'built' && record.image !== null;
  const buildLabel = record.status === 'prepared' ? 'Build' : 'Rebuild';

  return (
    <div className={classes.root} data-testid="build-detail" data-id={record.id} data-status={status}>
      <Stack gap={6} px="md" py="sm" className={classes.header}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title
              order={2}
              ff="monospace"
              fz="md"
              className="mlw-truncate"
              title={record.tag}
              data-testid="build-tag-title"
            >
              {record.tag}
            </Title>
            <BuildStatusBadge status={status} />
            {record.verification && record.status === 'built' && !active && (
              <Tooltip label={record.verification.message} multiline maw={420}>
                <Badge
                  size="sm"
                  variant="outline"
                  color={record.verification.status === 'verified' ? 'teal' : 'red'}
                  tt="none"
                  style={{ flex: 'none' }}
                >
                  {record.verification.status}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
            {active ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconPlayerStop size={14} />}
                onClick={cancel}
                data-testid="build-cancel"
              >
                Cancel
              </Button>
            ) : null}
            <Button
              variant={built ? 'default' : 'filled'}
              leftSection={
                record.status === 'prepared' ? <IconHammer size={14} /> : <IconRefresh size={14} />
              }
              onClick={() => void build()}
              disabled={active || saving}
              loading={starting}
              data-testid="build-run"
            >
              {dirty ? `Save and ${buildLabel.toLowerCase()}` : buildLabel}
            </Button>
            {built && (
              <Button
                variant="default"
                leftSection={<IconCloudUpload size={14} />}
                onClick={() => openContainerDialog({ dialog: 'push', build: record.id })}
                disabled={active}
                data-testid="build-open-push"
              >
                Push…
              </Button>
            )}
            {built && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    variant="default"
                    leftSection={<IconFileExport size={14} />}
                    rightSection={<IconChevronDown size={14} />}
                    disabled={active}
                    data-testid="build-open-export"
                  >
                    Export…
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconSitemap size={14} />}
                    onClick={() =>
                      openContainerDialog({ dialog: 'export', build: record.id, kind: 'kubernetes' })
                    }
                    data-testid="export-menu-kubernetes"
                  >
                    Kubernetes manifests
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconServer2 size={14} />}
                    onClick={() =>
                      openContainerDialog({ dialog: 'export', build: record.id, kind: 'kserve' })
                    }
                    data-testid="export-menu-kserve"
                  >
                    KServe InferenceService
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconBrandGithub size={14} />}
                    onClick={() =>
                      openContainerDialog({ dialog: 'export', build: record.id, kind: 'workflow' })
                    }
                    data-testid="export-menu-workflow"
                  >
                    GitHub Actions workflow
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            {built && (
              <Button
                leftSection={<IconPlayerPlay size={14} />}
                onClick={() => openContainerDialog({ dialog: 'run', build: record.id })}
                disabled={active}
                data-testid="build-open-run"
              >
                Run…
              </Button>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dimmed" ff="monospace" className="mlw-truncate" title={record.id}>
          builds/{record.id}
        </Text>
        <BuildFacts record={record} />
        {job && (active || job.status === 'failed' || job.status === 'cancelled') && (
          <div data-testid="build-progress" data-status={job.status}>
            <JobProgressBar job={job} />
          </div>
        )}
        {record.error && !active && (
          <ErrorAlert
            error={record.error}
            title={record.status === 'cancelled' ? 'The build was cancelled' : 'The build failed'}
          />
        )}
        {problem && (
          <ErrorAlert error={problem.error} title={problem.title} onClose={() => setProblem(undefined)} />
        )}
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) => setTab((value as Tab | null) ?? 'dockerfile')}
        keepMounted={false}
        className={classes.tabs}
      >
        <Tabs.List px="md">
          <Tabs.Tab value="dockerfile" data-testid="build-tab-dockerfile">
            <Group gap={6} wrap="nowrap">
              Dockerfile
              {detail.findings.length > 0 && (
                <Badge
                  size="xs"
                  variant="light"
                  color={errors > 0 ? 'red' : warnings > 0 ? 'orange' : 'blue'}
                  className="mlw-num"
                  data-testid="dockerfile-findings-count"
                >
                  {formatCount(detail.findings.length)}
                </Badge>
              )}
              {dirty && (
                <Text span size="xs" c="dimmed" data-testid="dockerfile-dirty">
                  ●
                </Text>
              )}
            </Group>
          </Tabs.Tab>
          <Tabs.Tab value="log" data-testid="build-tab-log">
            Build log
          </Tabs.Tab>
          <Tabs.Tab value="image" data-testid="build-tab-image">
            Image
          </Tabs.Tab>
          <Tabs.Tab value="loadtests" data-testid="build-tab-loadtests">
            Load tests
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dockerfile" className={classes.panel} data-testid="build-panel-dockerfile">
          <Group justify="space-between" px="md" py={4} style={{ flex: 'none' }}>
            <Text size="xs" c="dimmed">
              {active
                ? 'Read-only while the build runs.'
                : `builds/${record.id}/context/Dockerfile · Ctrl/Cmd+S saves`}
            </Text>
            <Group gap="xs">
              {dirty && (
                <Button
                  variant="subtle"
                  color="gray"
                  size="compact-xs"
                  onClick={() => setDraft(detail.dockerfile)}
                  disabled={saving}
                >
                  Revert
                </Button>
              )}
              <Button
                variant="default"
                size="compact-xs"
                leftSection={<IconDeviceFloppy size={13} />}
                onClick={() => void save()}
                disabled={!dirty || active}
                loading={saving}
                data-testid="dockerfile-save"
              >
                Save
              </Button>
            </Group>
          </Group>
          <DockerfileEditor
            value={draft}
            onChange={setDraft}
            findings={detail.findings}
            readOnly={active}
            onSave={() => {
              if (dirty) void save();
            }}
            reveal={reveal}
          />
          <FindingsList findings={detail.findings} stale={dirty} onPick={pick} />
        </Tabs.Panel>
        <Tabs.Panel value="log" className={classes.panel} data-testid="build-panel-log">
          {job ? (
            <BuildLog key={job.id} job={job} />
          ) : (
            <EmptyTab title={record.status === 'prepared' ? 'Not built yet' : 'No build of this session'}>
              {record.status === 'prepared'
                ? 'Build it to see the engine’s output here, step by step.'
                : `This build ran in an earlier session; its log is in builds/${record.id}/build.log.`}
            </EmptyTab>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="image" className={classes.panel} data-testid="build-panel-image">
          {record.image ? (
            <Stack gap="lg" p="md" style={{ overflow: 'auto' }}>
              {record.status !== 'built' && (
                <Text size="xs" c="dimmed" data-testid="image-from-last-build">
                  The image of the last build that succeeded: the one since then is {record.status}.
                </Text>
              )}
              {record.status === 'built' && (
                <Group justify="flex-end" mb={-12}>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconShieldCheck size={14} />}
                    disabled={active}
                    onClick={() => setVerifying(true)}
                    data-testid="build-verify"
                  >
                    {record.verification ? 'Verify again…' : 'Verify…'}
                  </Button>
                </Group>
              )}
              {verifying && <VerifyDialog record={record} onClose={() => setVerifying(false)} />}
              {record.verification && <VerificationSection verification={record.verification} />}
              {record.pushes.length > 0 && <PushesSection pushes={record.pushes} />}
              <LayersTable layers={record.image.layers} sizeBytes={record.image.sizeBytes} />
            </Stack>
          ) : (
            <EmptyTab title="No image yet">
              {active
                ? 'The layers appear here once the build has finished.'
                : 'Build it to see its layers and size.'}
            </EmptyTab>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="loadtests" className={classes.panel} data-testid="build-panel-loadtests">
          <BuildLoadTests record={record} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
