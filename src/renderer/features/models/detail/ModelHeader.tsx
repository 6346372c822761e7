import { Badge, Button, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPackage, IconTrash } from '@tabler/icons-react';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { formatBytes, formatCount, formatDateTime } from '../../../../shared/format/numbers.js';
import { countOf } from '../format.js';
import classes from '../../../components/layout/DetailLayout.module.css';

function ErrorBadge({ errors }: { errors: number }) {
  if (errors === 0) return null;
  return (
    <Badge color="red" variant="light" size="sm" style={{ flex: 'none' }}>
      {errors === 1 ? '1 error' : `${formatCount(errors)} errors`}
    </Badge>
  );
}

/** A file opened by path: its name, where it is, its size. */
export function FileHeader({
  path,
  bytes,
  nodes,
  errors,
}: {
  path: string;
  bytes: number;
  nodes: number;
  errors: number;
}) {
  const name = path.split('/').pop() ?? path;
  return (
    <Stack gap={2} px="md" py="sm" className={classes.header}>
      <Group gap="sm" wrap="nowrap">
        <Title order={2} className="mlw-truncate" title={path} data-testid="model-name">
          {name}
        </Title>
        <ErrorBadge errors={errors} />
      </Group>
      <Text size="xs" c="dimmed" className="mlw-truncate" title={path}>
        {path} · {formatBytes(bytes)} · {countOf(nodes, 'node')}
      </Text>
    </Stack>
  );
}

/** A registered version: name, version picker, its card's provenance, Build image and Delete. */
export function RegistryHeader({
  card,
  versions,
  latest,
  nameWarning,
  errors,
  onVersion,
  onBuildImage,
  onDelete,
}: {
  card: ModelCard;
  versions: number[];
  latest: number;
  nameWarning: string | null;
  errors: number;
  onVersion: (version: number) => void;
  /** Opens Containers' build dialog on this version. */
  onBuildImage: () => void;
  onDelete: () => void;
}) {
  const { provenance } = card;
  return (
    <Stack gap={4} px="md" py="sm" className={classes.header}>
      <Group gap="sm" wrap="nowrap" justify="space-between">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} className="mlw-truncate" title={card.name} data-testid="model-name">
            {card.name}
          </Title>
          {versions.length > 1 ? (
            <Select
              size="xs"
              w={130}
              aria-label="Version"
              value={String(card.version)}
              data={[...versions]
                .reverse()
                .map((v) => ({ value: String(v), label: v === latest ? `v${v} (latest)` : `v${v}` }))}
              onChange={(value) => value && onVersion(Number(value))}
              allowDeselect={false}
              data-testid="model-version"
            />
          ) : (
            <Badge
              variant="light"
              color="gray"
              size="sm"
              style={{ flex: 'none' }}
              data-testid="model-version-badge"
            >
              v{card.version}
            </Badge>
          )}
          <ErrorBadge errors={errors} />
          {nameWarning && (
            <Tooltip label={nameWarning} multiline w={300}>
              <Badge
                variant="light"
                color="orange"
                size="sm"
                leftSection={<IconAlertTriangle size={11} />}
                style={{ flex: 'none' }}
                data-testid="model-name-warning"
              >
                vague name
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
          <Button
            variant="default"
            leftSection={<IconPackage size={14} />}
            onClick={onBuildImage}
            data-testid="model-build-image"
          >
            Build image…
          </Button>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={onDelete}
            data-testid="model-delete"
          >
            Delete…
          </Button>
        </Group>
      </Group>
      {card.description && (
        <Text size="sm" className="mlw-truncate" title={card.description} data-testid="model-description">
          {card.description}
        </Text>
      )}
      <Text size="xs" c="dimmed" className="mlw-truncate" title={`sha256 ${card.file.sha256}`}>
        {card.file.name} · {formatBytes(card.file.sizeBytes)}
        {card.externalData.length > 0 && ` + ${formatCount(card.externalData.length)} external data files`} ·
        added by {provenance.addedBy} {formatDateTime(provenance.addedAt)} from{' '}
        {provenance.source.path ?? `an upload of ${provenance.source.fileName}`}
        {provenance.convertedFrom?.framework && ` · converted from ${provenance.convertedFrom.framework}`}
      </Text>
    </Stack>
  );
}
