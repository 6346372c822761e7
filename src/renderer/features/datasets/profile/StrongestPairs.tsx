import { Table, Text } from '@mantine/core';
import { Section } from './TabState.js';

const SHOWN = 10;

/**
 * The strongest pairs as a list: with 40 columns a heatmap has 780 pairs, and reading the ten that
 * matter off a list is quicker than scanning colours.
 */
export function StrongestPairs({
  labels,
  values,
  measure,
}: {
  labels: string[];
  values: (number | null)[][];
  measure: string;
}) {
  const pairs: { a: string; b: string; value: number }[] = [];
  for (let row = 0; row < labels.length; row += 1) {
    for (let col = row + 1; col < labels.length; col += 1) {
      const value = values[row]?.[col];
      if (value !== null && value !== undefined)
        pairs.push({ a: labels[row] ?? '', b: labels[col] ?? '', value });
    }
  }
  pairs.sort((x, y) => Math.abs(y.value) - Math.abs(x.value));
  if (pairs.length === 0) return null;
  return (
    <Section title="Strongest pairs">
      <Table maw={720} style={{ tableLayout: 'fixed' }} data-testid="strongest-pairs">
        <Table.Tbody>
          {pairs.slice(0, SHOWN).map((pair) => (
            <Table.Tr key={`${pair.a}\u0000${pair.b}`}>
              <Table.Td className="mlw-truncate" title={pair.a}>
                {pair.a}
              </Table.Td>
              <Table.Td className="mlw-truncate" title={pair.b}>
                {pair.b}
              </Table.Td>
              <Table.Td className="mlw-num" w={90} title={`${measure}: ${pair.value}`}>
                <Text span size="xs" fw={Math.abs(pair.value) >= 0.9 ? 700 : 500}>
                  {pair.value.toFixed(3).replace('-', '−')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
