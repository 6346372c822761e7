import { Table, Text } from '@mantine/core';
import type { DiffResult } from '../../../../shared/contract/modelLab.js';
import { formatBytes, formatCount } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import { formatSi } from '../format.js';
import classes from './Compare.module.css';

type Side = DiffResult['signature']['inputs'][number]['a'];

function SideCell({ side }: { side: Side }) {
  if (!side) return <span className={classes.missing}>absent</span>;
  const shape = side.shape ? `[${side.shape.map((d) => d ?? '?').join(', ')}]` : '';
  return (
    <>
      {side.type ?? '?'} {shape}
    </>
  );
}

/** A signed change, coloured: growth orange, shrinkage teal, none dimmed. */
export function Delta({
  a,
  b,
  format = formatCount,
}: {
  a: number;
  b: number;
  format?: (n: number) => string;
}) {
  const d = b - a;
  if (d === 0)
    return (
      <Text span c="dimmed" size="xs">
        0
      </Text>
    );
  return (
    <span className={d > 0 ? classes.up : classes.down}>{d > 0 ? `+${format(d)}` : `−${format(-d)}`}</span>
  );
}

/** Inputs and outputs side by side, the rows that differ highlighted. */
export function SignatureDiff({ diff }: { diff: DiffResult }) {
  const rows = [
    ...diff.signature.inputs.map((entry) => ({ role: 'Input', entry })),
    ...diff.signature.outputs.map((entry) => ({ role: 'Output', entry })),
  ];
  return (
    <Section
      title="Signature"
      aside={diff.signature.same ? 'the same' : `${rows.filter((r) => !r.entry.same).length} differ`}
      testId="diff-signature"
    >
      <Table layout="fixed" withRowBorders verticalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>Role</Table.Th>
            <Table.Th w="30%">Name</Table.Th>
            <Table.Th>A</Table.Th>
            <Table.Th>B</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ role, entry }) => (
            <Table.Tr
              key={`${role}:${entry.name}`}
              className={entry.same ? undefined : classes.changed}
              data-testid="diff-signature-row"
              data-same={entry.same}
            >
              <Table.Td c="dimmed">{role}</Table.Td>
              <Table.Td className={classes.mono} title={entry.name}>
                {entry.name}
              </Table.Td>
              <Table.Td className={classes.mono}>
                <SideCell side={entry.a} />
              </Table.Td>
              <Table.Td className={classes.mono}>
                <SideCell side={entry.b} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** File size, nodes, initializer totals and opsets, A against B with the change. */
export function SizeDiff({ diff }: { diff: DiffResult }) {
  const { fileBytes, initializers } = diff.size;
  const rows: [string, number, number, (n: number) => string][] = [
    ['File size', fileBytes.a, fileBytes.b, formatBytes],
    ['Nodes', diff.nodes.a, diff.nodes.b, formatCount],
    ['Initializers', initializers.a.count, initializers.b.count, formatCount],
    ['Weights', initializers.a.bytes, initializers.b.bytes, formatBytes],
    ['Parameters', initializers.a.parameters, initializers.b.parameters, formatSi],
  ];
  return (
    <Section title="Size and structure" testId="diff-size">
      <Table withRowBorders verticalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th className={classes.num}>A</Table.Th>
            <Table.Th className={classes.num}>B</Table.Th>
            <Table.Th className={classes.num}>Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, a, b, format]) => (
            <Table.Tr key={label} data-testid={`diff-size-${label.toLowerCase().replace(' ', '-')}`}>
              <Table.Td c="dimmed">{label}</Table.Td>
              <Table.Td className={classes.num}>{format(a)}</Table.Td>
              <Table.Td className={classes.num}>{format(b)}</Table.Td>
              <Table.Td className={classes.num}>
                <Delta a={a} b={b} format={format} />
              </Table.Td>
            </Table.Tr>
          ))}
          {diff.opsets.map((o) => (
            <Table.Tr key={o.domain} className={o.a === o.b ? undefined : classes.changed}>
              <Table.Td c="dimmed">Opset {o.domain}</Table.Td>
              <Table.Td className={classes.num}>{o.a ?? '—'}</Table.Td>
              <Table.Td className={classes.num}>{o.b ?? '—'}</Table.Td>
              <Table.Td className={classes.num}>
                {o.a !== null && o.b !== null ? <Delta a={o.a} b={o.b} /> : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** Operators whose count changed, with the change. */
export function OperatorDiff({ diff }: { diff: DiffResult }) {
  return (
    <Section
      title="Operators"
      aside={diff.operators.length === 0 ? 'the same counts' : undefined}
      testId="diff-operators"
    >
      {diff.operators.length > 0 && (
        <Table withRowBorders verticalSpacing={4} fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Operator</Table.Th>
              <Table.Th className={classes.num}>A</Table.Th>
              <Table.Th className={classes.num}>B</Table.Th>
              <Table.Th className={classes.num}>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.operators.map((o) => (
              <Table.Tr key={`${o.domain}:${o.opType}`} data-testid="diff-operator">
                <Table.Td className={classes.mono}>
                  {o.domain === 'ai.onnx' || o.domain === '' ? o.opType : `${o.domain}.${o.opType}`}
                </Table.Td>
                <Table.Td className={classes.num}>{formatCount(o.a)}</Table.Td>
                <Table.Td className={classes.num}>{formatCount(o.b)}</Table.Td>
                <Table.Td className={classes.num}>
                  <Delta a={o.a} b={o.b} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** Initializers only one side has, and those whose type or shape changed. */
export function InitializerDiff({ diff }: { diff: DiffResult }) {
  const { added, removed, changedShape } = diff.size;
  const shape = (t: { type: string; shape: number[] }) => `${t.type} [${t.shape.join(', ')}]`;
  const rows = [
    ...added.map((t) => ({ kind: 'added in B', name: t.name, detail: shape(t) })),
    ...removed.map((t) => ({ kind: 'only in A', name: t.name, detail: shape(t) })),
    ...changedShape.map((c) => ({ kind: 'reshaped', name: c.name, detail: `${shape(c.a)} → ${shape(c.b)}` })),
  ];
  return (
    <Section
      title="Initializers"
      aside={rows.length === 0 ? 'the same names and shapes (values not compared)' : undefined}
      testId="diff-initializers"
    >
      {rows.length > 0 && (
        <Table withRowBorders verticalSpacing={4} fz="xs" layout="fixed">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={`${row.kind}:${row.name}`} data-testid="diff-initializer">
                <Table.Td w={90} c="dimmed">
                  {row.kind}
                </Table.Td>
                <Table.Td className={classes.mono}>{row.name}</Table.Td>
                <Table.Td className={classes.mono}>{row.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
