import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { DriftReport, DriftSideInfo } from '../../../../shared/contract/drift.js';
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { useCall } from '../../../app/query/useCall.js';
import { truncateMiddle } from '../../../components/charts/truncate.js';
import { CopyValue } from '../../containers/CopyValue.js';
import { driftedCount, shortSha } from '../driftFormat.js';
import { VerdictBadge } from '../VerdictBadge.js';
import { DownloadHtmlButton } from './DownloadHtmlButton.js';

function Fact({
  label,
  children,
  title,
  testId,
}: {
  label: string;
  children: ReactNode;
  title?: string;
  testId?: string;
}) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} className="mlw-truncate" title={title} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

function SideFact({ label, side, testId }: { label: string; side: DriftSideInfo; testId: string }) {
  return (
    <Fact
      label={label}
      title={`${side.label}\n${formatCount(side.rows)} rows · sha256 ${side.sha256}`}
      testId={testId}
    >
      <Group gap={6} wrap="nowrap">
        <span className="mlw-truncate" style={{ maxWidth: 300 }}>
          {side.label}
        </span>
        <Text span size="xs" c="dimmed" className="mlw-num">
          {formatCount(side.rows)} rows
        </Text>
        <Text span size="xs" c="dimmed" ff="monospace">
          {shortSha(side.sha256)}
        </Text>
      </Group>
    </Fact>
  );
}

/** A report's verdict first, then what was compared and when, then where its page is saved. */
export function ReportHeader({ report, onRemove }: { report: DriftReport; onRemove: () => void }) {
  const info = useCall('system.info', {}, { staleTime: Number.POSITIVE_INFINITY });
  const { dataset } = report;
  const htmlPath = `drift/${report.id}/report.html`;
  const absolute = info.data ? `${info.data.workspace.replace(/[\\/]+$/, '')}/${htmlPath}` : htmlPath;
  return (
    <Stack
      gap={8}
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
      data-testid="drift-report-header"
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <VerdictBadge drift={dataset.drift} size="lg" testId="drift-verdict" />
          <Title order={2} className="mlw-truncate" data-testid="drift-verdict-text">
            {driftedCount(dataset.drifted, dataset.compared)}
          </Title>
          <Text size="sm" c="dimmed" className="mlw-num" data-testid="drift-share-text">
            {dataset.share === null
              ? 'no column could be compared'
              : `${formatPercent(dataset.share * 100)} ${dataset.drift ? '≥' : '<'} threshold ${formatPercent(dataset.threshold * 100)}`}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
          <DownloadHtmlButton id={report.id} />
          <Button
            variant="default"
            leftSection={<IconTrash size={14} />}
            onClick={onRemove}
            data-testid="drift-report-trash"
          >
            Move to trash
          </Button>
        </Group>
      </Group>
      <Group gap="xl" wrap="wrap" align="flex-start">
        <SideFact label="Baseline" side={report.baseline} testId="drift-baseline" />
        <SideFact label="Current" side={report.current} testId="drift-current" />
        <Fact label="Created" title={`${report.createdAt}, in ${formatDuration(report.durationMs)}`}>
          {formatDateTime(report.createdAt)}{' '}
          <Text span size="xs" c="dimmed">
            in {formatDuration(report.durationMs)}
          </Text>
        </Fact>
      </Group>
      <Group gap={6} wrap="nowrap" c="dimmed" fz="xs" title={absolute}>
        <Text span size="xs" c="dimmed">
          Saved as
        </Text>
        <Text
          span
          size="xs"
          ff="monospace"
          className="mlw-truncate"
          data-testid="drift-report-path"
          data-path={htmlPath}
        >
          {truncateMiddle(htmlPath, 72)}
        </Text>
        <CopyValue
          value={absolute}
          label="Copy the report page’s full path"
          size="sm"
          testId="drift-report-path-copy"
        />
        <Text span size="xs" c="dimmed" style={{ flex: 'none' }}>
          · workbench {report.workbenchVersion}
        </Text>
      </Group>
    </Stack>
  );
}
