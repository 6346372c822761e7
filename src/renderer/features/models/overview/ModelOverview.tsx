import { ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import type { ModelSummary, ValueSummary } from '../../../../shared/contract/modelSummary.js';
import { formatBytes, formatCount } from '../../../../shared/format/numbers.js';
import { BarList } from '../../../components/charts/BarList.js';
import { FactsGrid, type Fact } from '../../datasets/profile/FactsGrid.js';
import { EmptyTab, Section } from '../../datasets/profile/TabState.js';
import { formatElementType, formatShape, formatSi } from '../format.js';
import classes from './ModelOverview.module.css';
import { ProvenanceSection } from './ProvenanceSection.js';

function Dims({ value }: { value: ValueSummary }) {
  const type = value.type;
  if (!type)
    return (
      <Text span c="dimmed" size="xs">
        unknown
      </Text>
    );
  if (type.kind !== 'tensor' && type.kind !== 'sparse_tensor') return <span>{type.kind}</span>;
  if (type.shape === null)
    return (
      <Text span c="dimmed" size="xs">
        rank unknown
      </Text>
    );
  return (
    <span className={classes.dims}>
      [
      {type.shape.map((dim, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {typeof dim === 'string' ? (
            <span className={classes.symbolic} title={`Symbolic dimension “${dim}”: any size`}>
              {dim}
            </span>
          ) : dim === null ? (
            <span className={classes.symbolic} title="Unknown size">
              ?
            </span>
          ) : (
            dim
          )}
        </span>
      ))}
      ]
    </span>
  );
}

function SignatureTable({ summary }: { summary: ModelSummary }) {
  const rows = [
    ...summary.inputs.map((value) => ({ role: 'Input', value })),
    ...summary.outputs.map((value) => ({ role: 'Output', value })),
  ];
  return (
    <Table data-testid="model-signature" layout="fixed" striped={false} withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>Role</Table.Th>
          <Table.Th w="38%">Name</Table.Th>
          <Table.Th w={112} style={{ whiteSpace: 'nowrap' }}>
            Element type
          </Table.Th>
          <Table.Th>Shape</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ role, value }) => (
          <Table.Tr key={`${role}:${value.name}`} data-testid="signature-row">
            <Table.Td c="dimmed">{role}</Table.Td>
            <Table.Td className={classes.mono} title={value.docString || value.name}>
              <span className="mlw-truncate" style={{ display: 'block' }}>
                {value.name}
              </span>
            </Table.Td>
            <Table.Td className={classes.mono}>
              {value.type && 'elementType' in value.type ? formatElementType(value.type.elementType) : '—'}
            </Table.Td>
            <Table.Td className={classes.mono}>
              <Dims value={value} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An axis end that gives whole-number ticks (the chart draws five): counts have no fractions. */
export function integerTicksMax(max: number): number {
  return Math.max(4, Math.ceil(max / 4) * 4);
}

/**
 * What Netron's model properties show: producer, versions, signature, size, cost and operators;
 * for a registered version, its card's provenance too, and (`children`) its versions side by side.
 */
export function ModelOverview({
  summary,
  card,
  children,
}: {
  summary: ModelSummary;
  card?: ModelCard;
  children?: ReactNode;
}) {
  const init = summary.initializers;
  const facts: Fact[] = [
    {
      label: 'Producer',
      value: [summary.producer.name, summary.producer.version].filter(Boolean).join(' ') || '—',
      testId: 'model-producer',
    },
    { label: 'IR version', value: summary.irVersion ?? '—', testId: 'model-ir' },
    {
      label: 'Opsets',
      value: summary.opsets.map((o) => `${o.domain} ${o.version}`).join(', ') || '—',
      title: summary.opsets.map((o) => `${o.domain} ${o.version}`).join('\n'),
      testId: 'model-opsets',
    },
    { label: 'Model version', value: summary.modelVersion ?? '—' },
    { label: 'File size', value: formatBytes(summary.file.bytes), title: summary.file.path },
    {
      label: 'Parameters',
      value: formatSi(init.parameters),
      title: `${formatCount(init.parameters)} elements in ${formatCount(init.count)} initializers`,
      testId: 'model-parameters',
    },
    {
      label: 'Weights',
      value: formatBytes(init.bytes),
      share: init.external.count > 0 ? `${formatBytes(init.external.bytes)} ext.` : undefined,
      testId: 'model-weights',
    },
    {
      label: 'Estimated FLOPs',
      value: formatSi(summary.flops.total),
      share:
        summary.flops.unestimatedNodes > 0 ? `+${formatCount(summary.flops.unestimatedNodes)} ?` : undefined,
      title: `${formatCount(summary.flops.total)} FLOPs (${summary.flops.convention})${
        summary.flops.unestimatedNodes > 0
          ? `; ${formatCount(summary.flops.unestimatedNodes)} nodes not estimated`
          : ''
      }`,
      testId: 'model-flops',
    },
    { label: 'Nodes', value: formatCount(summary.graph.nodes.length), testId: 'model-nodes' },
    { label: 'Subgraphs', value: formatCount(summary.subgraphCount) },
  ];
  const operators = summary.operators.map((op) => ({
    key: `${op.domain}:${op.opType}`,
    label: op.domain === 'ai.onnx' ? op.opType : `${op.domain}.${op.opType}`,
    value: op.count,
  }));
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="lg" p="md" maw={1200} data-testid="model-overview">
        {summary.docString && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {summary.docString}
          </Text>
        )}
        <Section title="Model">
          <FactsGrid facts={facts} testId="model-facts" />
        </Section>
        {card && <ProvenanceSection card={card} />}
        <Section title={`Signature (${summary.inputs.length} in, ${summary.outputs.length} out)`}>
          <SignatureTable summary={summary} />
        </Section>
        {children}
        <div className={classes.columns}>
          <Section
            title={`Operators (${summary.operators.length} ${summary.operators.length === 1 ? 'type' : 'types'})`}
            testId="model-operators"
          >
            {operators.length === 0 ? (
              <EmptyTab title="No operators" />
            ) : (
              <BarList
                items={operators}
                total={operators.reduce((sum, op) => sum + op.value, 0)}
                xLabel="Nodes"
                valueName="Nodes"
                domainMax={integerTicksMax(operators[0]?.value ?? 0)}
                labelWidth={150}
                testId="operator-chart"
              />
            )}
          </Section>
          <Section title={`Largest initializers (of ${formatCount(init.count)})`} testId="model-initializers">
            {init.largest.length === 0 ? (
              <EmptyTab title="No initializers">This model carries no weights.</EmptyTab>
            ) : (
              <Table layout="fixed" data-testid="initializer-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th w={80}>Type</Table.Th>
                    <Table.Th w={130}>Shape</Table.Th>
                    <Table.Th w={80} ta="right">
                      Size
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {init.largest.map((t) => (
                    <Table.Tr key={t.name}>
                      <Table.Td className={classes.mono} title={t.name}>
                        <span className="mlw-truncate" style={{ display: 'block' }}>
                          {t.name}
                        </span>
                      </Table.Td>
                      <Table.Td className={classes.mono}>{formatElementType(t.elementType)}</Table.Td>
                      <Table.Td className={classes.mono}>{formatShape(t.shape)}</Table.Td>
                      <Table.Td ta="right" className="mlw-num">
                        {formatBytes(t.bytes)}
                        {t.external ? ' ext.' : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
        </div>
        <Section title={`Metadata (${summary.metadata.length})`} testId="model-metadata">
          {summary.metadata.length === 0 ? (
            <Text size="xs" c="dimmed">
              No metadata properties.
            </Text>
          ) : (
            <Table layout="fixed">
              <Table.Tbody>
                {summary.metadata.map(({ key, value }) => (
                  <Table.Tr key={key}>
                    <Table.Td w={220} c="dimmed" className={classes.mono}>
                      {key}
                    </Table.Td>
                    <Table.Td className={classes.mono} style={{ whiteSpace: 'pre-wrap' }}>
                      {value}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      </Stack>
    </ScrollArea>
  );
}
