import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { formatBytes, formatCount, formatDateTime } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import { formatSi } from '../format.js';
import { signatureChange } from './signatureChange.js';
import classes from './VersionsTable.module.css';

/**
 * Every version of a registered model side by side, newest first: when and from where it came, its
 * size, hash, producer, opsets and weights, and whether its inputs or outputs changed from the version
 * before. A row opens its version.
 */
export function VersionsTable({
  versions,
  current,
  latest,
  onOpen,
}: {
  /** Oldest first, as the registry lists them. */
  versions: ModelCard[];
  current: number;
  latest: number;
  onOpen: (version: number) => void;
}) {
  const rows = versions.map((card, i) => ({
    card,
    change: i > 0 ? signatureChange(versions[i - 1]!, card) : null,
  }));
  return (
    <Section title={`Versions (${formatCount(versions.length)})`} testId="model-versions">
      <Table.ScrollContainer minWidth={900} type="native">
        <Table layout="fixed" highlightOnHover withRowBorders className={classes.table}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>Version</Table.Th>
              <Table.Th w={200}>Added</Table.Th>
              <Table.Th w={76}>Size</Table.Th>
              <Table.Th w={96}>SHA-256</Table.Th>
              <Table.Th w={120}>Producer</Table.Th>
              <Table.Th w={100}>Opsets</Table.Th>
              <Table.Th w={88}>Parameters</Table.Th>
              <Table.Th>Description</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...rows].reverse().map(({ card, change }) => (
              <Table.Tr
                key={card.version}
                data-testid="model-version-row"
                data-version={card.version}
                data-current={card.version === current || undefined}
                className={classes.row}
                tabIndex={0}
                onClick={() => onOpen(card.version)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onOpen(card.version);
                }}
                aria-current={card.version === current ? 'true' : undefined}
              >
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={card.version === current ? 600 : 400} className="mlw-num">
                      v{card.version}
                    </Text>
                    {card.version === latest && (
                      <Badge size="xs" variant="light" style={{ flex: 'none' }}>
                        latest
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" className="mlw-truncate" title={sourceOf(card)}>
                    {formatDateTime(card.provenance.addedAt)} · {card.provenance.addedBy}
                  </Text>
                </Table.Td>
                <Table.Td className="mlw-num">{formatBytes(totalBytes(card))}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={card.file.sha256}>
                    {card.file.sha256.slice(0, 10)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" className="mlw-truncate" title={producerOf(card)}>
                    {producerOf(card)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" className="mlw-truncate" title={opsetsOf(card)}>
                    {opsetsOf(card)}
                  </Text>
                </Table.Td>
                <Table.Td className="mlw-num">{formatSi(card.parameters)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {change && (
                      <Tooltip label={change} multiline maw={360}>
                        <Badge
                          size="xs"
                          color="orange"
                          variant="light"
                          style={{ flex: 'none' }}
                          data-testid="signature-changed"
                        >
                          signature changed
                        </Badge>
                      </Tooltip>
                    )}
                    <Text
                      size="xs"
                      c={card.description ? undefined : 'dimmed'}
                      className="mlw-truncate"
                      title={card.description}
                    >
                      {card.description || 'no description'}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function totalBytes(card: ModelCard): number {
  return card.externalData.reduce((sum, file) => sum + file.sizeBytes, card.file.sizeBytes);
}

function producerOf(card: ModelCard): string {
  const { name, version } = card.producer;
  if (!name) return '—';
  return version ? `${name} ${version}` : name;
}

function opsetsOf(card: ModelCard): string {
  return card.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || '—';
}

function sourceOf(card: ModelCard): string {
  const { source, convertedFrom } = card.provenance;
  const from = source.path ?? `an upload of ${source.fileName}`;
  return convertedFrom?.framework
    ? `from ${from}, converted from ${convertedFrom.framework}`
    : `from ${from}`;
}
