import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DatasetManifest, Profile } from '../../../../shared/contract/index.js';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDuration,
} from '../../../../shared/format/numbers.js';

function Fact({
  label,
  children,
  testId,
  title,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} className="mlw-truncate" data-testid={testId} title={title}>
        {children}
      </Text>
    </Stack>
  );
}

/** The header of a data set: its name and the figures a user checks first. */
export function DatasetFacts({
  manifest,
  profile,
  actions,
}: {
  manifest: DatasetManifest;
  profile: Profile;
  actions?: ReactNode;
}) {
  const sourceTitle = manifest.source.path ?? `${manifest.source.fileName} (uploaded through the browser)`;
  return (
    <Stack
      gap={8}
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Title order={2} className="mlw-truncate" title={manifest.name} data-testid="dataset-name">
          {manifest.name}
        </Title>
        {actions}
      </Group>
      <Group gap="xl" wrap="wrap" align="flex-start">
        <Fact label="Rows" testId="dataset-rows">
          {formatCount(manifest.rows)}
        </Fact>
        <Fact label="Columns" testId="dataset-columns">
          {formatCount(profile.columnCount)}
        </Fact>
        <Fact label="Source" title={sourceTitle}>
          <span
            style={{ maxWidth: 280, display: 'inline-block', verticalAlign: 'bottom' }}
            className="mlw-truncate"
          >
            {manifest.source.fileName}
          </span>{' '}
          <Text span size="sm" c="dimmed">
            {formatBytes(manifest.source.sizeBytes)}
          </Text>
        </Fact>
        <Fact label="Parquet">{formatBytes(manifest.data.sizeBytes)}</Fact>
        <Fact label="Imported" title={manifest.importedAt}>
          {formatDateTime(manifest.importedAt)}
        </Fact>
        <Fact label="Profiled in" title={profile.engine}>
          {formatDuration(profile.elapsedMs)}
        </Fact>
      </Group>
    </Stack>
  );
}
