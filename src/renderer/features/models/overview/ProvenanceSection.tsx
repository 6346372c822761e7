import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { formatBytes, formatDateTime } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import classes from './ModelOverview.module.css';

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');

function Missing({ children }: { children: ReactNode }) {
  return (
    <Text span size="xs" c="dimmed">
      {children}
    </Text>
  );
}

/**
 * Where a registered version came from, in full: what it does, the file it was added from, what it
 * was converted from and with which tool, what wrote the .onnx file, who added it and when, and the
 * hashes that identify its files. Long values wrap rather than being cut.
 */
export function ProvenanceSection({ card }: { card: ModelCard }) {
  const { provenance } = card;
  const converted = provenance.convertedFrom;
  const rows: { label: string; value: ReactNode; testId: string; mono?: boolean }[] = [
    {
      label: 'Description',
      value: card.description ? (
        <span style={{ whiteSpace: 'pre-wrap' }}>{card.description}</span>
      ) : (
        <Missing>none given</Missing>
      ),
      testId: 'provenance-description',
    },
    {
      label: 'Added from',
      value: provenance.source.path ?? `an upload of ${provenance.source.fileName}`,
      testId: 'provenance-source',
      mono: provenance.source.path !== null,
    },
    {
      label: 'Converted from',
      value: converted?.framework ? (
        joined(converted.framework, converted.frameworkVersion)
      ) : (
        <Missing>not recorded when this version was added</Missing>
      ),
      testId: 'provenance-converted-from',
    },
    {
      label: 'Conversion tool',
      value: converted?.tool ? (
        joined(converted.tool, converted.toolVersion)
      ) : (
        <Missing>not recorded when this version was added</Missing>
      ),
      testId: 'provenance-tool',
    },
    {
      label: 'Written by',
      value: joined(card.producer.name, card.producer.version) || <Missing>the file does not say</Missing>,
      testId: 'provenance-producer',
    },
    { label: 'Added by', value: provenance.addedBy, testId: 'provenance-added-by' },
    {
      label: 'Added',
      value: <span title={provenance.addedAt}>{formatDateTime(provenance.addedAt)}</span>,
      testId: 'provenance-added-at',
    },
    {
      label: 'File',
      value: `${card.file.name} · ${formatBytes(card.file.sizeBytes)} · sha256 ${card.file.sha256}`,
      testId: 'provenance-file',
      mono: true,
    },
    ...card.externalData.map((data, i) => ({
      label: i === 0 ? 'External data' : '',
      value: `${data.location} · ${formatBytes(data.sizeBytes)} · sha256 ${data.sha256}`,
      testId: 'provenance-external-data',
      mono: true,
    })),
  ];
  return (
    <Section title="Provenance" testId="model-provenance">
      <Table layout="fixed" withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map((row, i) => (
            <Table.Tr key={`${row.label}:${i}`}>
              <Table.Td w={140} c="dimmed" style={{ verticalAlign: 'top' }}>
                {row.label}
              </Table.Td>
              <Table.Td
                className={row.mono ? classes.mono : undefined}
                style={{ overflowWrap: 'anywhere' }}
                data-testid={row.testId}
              >
                {row.value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
