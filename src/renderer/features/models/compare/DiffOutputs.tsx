import { Table, Text } from '@mantine/core';
import type { BenchResult, DiffResult } from '../../../../shared/contract/modelLab.js';
import { formatPercent } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import { formatMs, formatRate } from '../bench/BenchCharts.js';
import { benchLabel } from '../bench/benchSeries.js';
import classes from './Compare.module.css';

/** Errors read as plain figures down to 0.001, then in exponent form (3.20e-7). */
const error = (value: number | null) =>
  value === null ? '—' : value === 0 ? '0' : value >= 1e-3 ? value.toPrecision(3) : value.toExponential(2);

/** How far each common output agrees over the samples, or why nothing could be compared. */
export function AgreementTable({ agreement }: { agreement: DiffResult['agreement'] }) {
  return (
    <Section
      title="Output agreement"
      aside={agreement.compared ? `${agreement.samples} samples, the same inputs through both` : 'not run'}
      testId="diff-agreement"
    >
      {!agreement.compared && (
        <Text size="xs" c="orange" mb={6} data-testid="diff-agreement-reason">
          {agreement.reason}
        </Text>
      )}
      {agreement.compared && agreement.outputs.length > 0 && (
        <Table withRowBorders verticalSpacing={4} fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Output</Table.Th>
              <Table.Th className={classes.num} title="Largest absolute difference over all samples">
                Max abs err
              </Table.Th>
              <Table.Th className={classes.num} title="Largest difference relative to the larger value">
                Max rel err
              </Table.Th>
              <Table.Th
                className={classes.num}
                title="NaN in one model's output where the other has a number"
              >
                NaN only one
              </Table.Th>
              <Table.Th className={classes.num} title="Items whose label (argmax) is the same">
                Same label
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreement.outputs.map((o) => (
              <Table.Tr key={o.name} data-testid="diff-agreement-row">
                <Table.Td className={classes.mono}>{o.name}</Table.Td>
                <Table.Td className={classes.num}>{error(o.maxAbsError)}</Table.Td>
                <Table.Td className={classes.num}>{error(o.maxRelError)}</Table.Td>
                <Table.Td className={classes.num}>{o.nanMismatches}</Table.Td>
                <Table.Td
                  className={classes.num}
                  title={o.classifier ? `argmax of ${o.classifier}` : 'not a classifier output'}
                >
                  {o.labelAgreement === null ? '—' : formatPercent(o.labelAgreement * 100)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

const cellKey = (c: { batch: number; intraOpThreads: number }) => `${c.batch}×${c.intraOpThreads}`;

/** Each side's latest saved benchmark, cell by cell where both have it. */
export function BenchmarkPair({ benchmarks }: { benchmarks: DiffResult['benchmarks'] }) {
  const { a, b } = benchmarks;
  const when = (r: BenchResult | null) => (r ? benchLabel(null, r.createdAt) : 'none saved');
  const keys = [...new Set([...(a?.cells ?? []), ...(b?.cells ?? [])].map(cellKey))];
  const find = (r: BenchResult | null, key: string) =>
    r?.cells.find((c) => cellKey(c) === key && c.latencyMs);
  return (
    <Section title="Latest saved benchmarks" aside={`A: ${when(a)} · B: ${when(b)}`} testId="diff-benchmarks">
      {keys.length === 0 ? (
        <Text size="xs" c="dimmed">
          Neither side has a saved benchmark; run one from each version’s Benchmark tab.
        </Text>
      ) : (
        <Table withRowBorders verticalSpacing={4} fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Batch × threads</Table.Th>
              <Table.Th className={classes.num}>A p50</Table.Th>
              <Table.Th className={classes.num}>B p50</Table.Th>
              <Table.Th className={classes.num}>A items/s</Table.Th>
              <Table.Th className={classes.num}>B items/s</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => {
              const [x, y] = [find(a, key), find(b, key)];
              return (
                <Table.Tr key={key} data-testid="diff-benchmark-row">
                  <Table.Td>{key}</Table.Td>
                  <Table.Td className={classes.num}>{x ? formatMs(x.latencyMs!.p50) : '—'}</Table.Td>
                  <Table.Td className={classes.num}>{y ? formatMs(y.latencyMs!.p50) : '—'}</Table.Td>
                  <Table.Td className={classes.num}>
                    {x?.itemsPerSecond ? formatRate(x.itemsPerSecond) : '—'}
                  </Table.Td>
                  <Table.Td className={classes.num}>
                    {y?.itemsPerSecond ? formatRate(y.itemsPerSecond) : '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
