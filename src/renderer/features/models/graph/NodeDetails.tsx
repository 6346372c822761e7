import { Anchor, CloseButton, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type {
  AttributeSummary,
  AttributeValueSummary,
  GraphSummary,
} from '../../../../shared/contract/modelSummary.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { formatElementType, formatShape, formatSi, formatType } from '../format.js';
import { Section } from '../../datasets/profile/TabState.js';
import type { ShapeRow } from '../../../../shared/models/shapeRows.js';
import type { GraphNode } from './graphModel.js';
import { observedLabel, valueLabel } from './graphModel.js';
import classes from './GraphView.module.css';

function formatAttributeValue(value: AttributeValueSummary): string {
  if (value === null) return '—';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) {
    return `[${(value as unknown[]).map((item) => formatAttributeValue(item as AttributeValueSummary)).join(', ')}]`;
  }
  if ('graph' in value) return `graph ${value.graph} (${formatCount(value.nodes)} nodes)`;
  if ('kind' in value) return formatType(value);
  return `${formatElementType(value.elementType)} ${formatShape(value.shape)}`;
}

function attributeText(attribute: AttributeSummary): string {
  const text = formatAttributeValue(attribute.value);
  return attribute.length !== undefined
    ? `${text.replace(/\]$/, '')}, … ] (${formatCount(attribute.length)})`
    : text;
}

/** The clicked box: operator, domain, attributes, the tensors in and out with their shapes, FLOPs. */
export function NodeDetails({
  node,
  graph,
  onClose,
  onOpenSubgraph,
  shapes,
}: {
  node: GraphNode;
  graph: GraphSummary;
  /** Shapes a run observed, by value name; null until the user observes them. */
  shapes: ReadonlyMap<string, ShapeRow> | null;
  onClose: () => void;
  /** Opens one of a control-flow node's graphs (by attribute) in the graph view. */
  onOpenSubgraph?: (attribute: string) => void;
}) {
  const types = new Map(graph.values.map((value) => [value.name, value]));
  const op = node.kind === 'op' ? graph.nodes[node.index] : undefined;
  const values = (names: string[], testId: string) => (
    <Table data-testid={testId} layout="fixed">
      <Table.Tbody>
        {names.map((name, i) => (
          <Table.Tr key={`${i}:${name}`}>
            <Table.Td className={classes.mono} w="48%">
              {name || (
                <Text span c="dimmed" size="xs">
                  (omitted)
                </Text>
              )}
            </Table.Td>
            <Table.Td className={classes.mono} c="dimmed">
              {name ? (
                <ValueShape inferred={valueLabel(types.get(name)) || '?'} row={shapes?.get(name)} />
              ) : (
                ''
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <ScrollArea h="100%" type="auto" className={classes.details}>
      <Stack gap="md" p="sm" data-testid="node-details">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} data-testid="node-details-op">
              {node.kind === 'op' ? node.opType : node.kind === 'input' ? 'Graph input' : 'Graph output'}
            </Title>
            <Text size="xs" className={classes.mono} data-testid="node-details-name">
              {node.name || '(unnamed node)'}
            </Text>
          </Stack>
          <CloseButton size="sm" aria-label="Close details (Esc)" onClick={onClose} />
        </Group>
        {op ? (
          <>
            <Table data-testid="node-details-facts">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td c="dimmed">Domain</Table.Td>
                  <Table.Td ta="right" className={classes.mono}>
                    {op.domain}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td c="dimmed">Estimated FLOPs</Table.Td>
                  <Table.Td
                    ta="right"
                    data-testid="node-details-flops"
                    title={op.flops === null ? undefined : formatCount(op.flops)}
                  >
                    {op.flops === null ? 'unknown' : formatSi(op.flops)}
                  </Table.Td>
                </Table.Tr>
                {op.subgraphs.map((sub) => (
                  <Table.Tr key={sub.attribute}>
                    <Table.Td c="dimmed">Subgraph {sub.attribute}</Table.Td>
                    <Table.Td ta="right">
                      {onOpenSubgraph ? (
                        <Anchor
                          component="button"
                          type="button"
                          size="xs"
                          onClick={() => onOpenSubgraph(sub.attribute)}
                          data-testid="open-subgraph"
                        >
                          Open ({formatCount(sub.graph.nodes.length)} nodes)
                        </Anchor>
                      ) : (
                        `${formatCount(sub.graph.nodes.length)} nodes`
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Section title={`Attributes (${op.attributes.length})`}>
              {op.attributes.length === 0 ? (
                <Text size="xs" c="dimmed">
                  None.
                </Text>
              ) : (
                <Table data-testid="node-details-attributes" layout="fixed">
                  <Table.Tbody>
                    {op.attributes.map((attribute) => (
                      <Table.Tr key={attribute.name}>
                        <Table.Td w="40%" title={attribute.type}>
                          {attribute.name}
                        </Table.Td>
                        <Table.Td className={classes.mono}>{attributeText(attribute)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
            <Section title={`Inputs (${op.inputs.length})`}>
              {values(op.inputs, 'node-details-inputs')}
            </Section>
            <Section title={`Outputs (${op.outputs.length})`}>
              {values(op.outputs, 'node-details-outputs')}
            </Section>
          </>
        ) : (
          <Section title="Value">{values([node.name], 'node-details-inputs')}</Section>
        )}
      </Stack>
    </ScrollArea>
  );
}

/** A value's inferred shape, or once observed the observed one, with the inferred one and the verdict below. */
function ValueShape({ inferred, row }: { inferred: string; row: ShapeRow | undefined }) {
  if (!row) return inferred;
  if (!row.observed) {
    return (
      <div data-testid="value-shape" data-verdict="unobserved">
        {inferred}
        <Text size="xs" c="dimmed" ff="text">
          Not observed: {row.reason}
        </Text>
      </div>
    );
  }
  const mismatch = row.verdict === 'mismatch';
  return (
    <div data-testid="value-shape" data-verdict={row.verdict}>
      <Text span inherit c={mismatch ? 'red' : 'var(--mantine-color-text)'} fw={mismatch ? 600 : undefined}>
        {observedLabel(row)}
      </Text>
      <Text size="xs" c={mismatch ? 'red' : 'dimmed'} ff="text">
        {mismatch ? `observed, ≠ inferred ${inferred}` : `observed; inferred ${inferred}`}
      </Text>
    </div>
  );
}
