import { Badge, Table, Text } from '@mantine/core';
import type { SavedBenchmarks as Saved } from '../../../../shared/contract/modelLab.js';
import { Section } from '../../datasets/profile/TabState.js';
import { benchLabel, gridLabel } from './benchSeries.js';
import { formatMs, formatRate } from './BenchCharts.js';
import classes from './Bench.module.css';

type Entry = Saved['benchmarks'][number];

function peak(entry: Entry) {
  const ok = entry.result.cells.filter((cell) => cell.latencyMs);
  return {
    p50: ok.length ? Math.min(...ok.map((cell) => cell.latencyMs!.p50)) : null,
    rate: ok.length ? Math.max(...ok.map((cell) => cell.itemsPerSecond ?? 0)) : null,
  };
}

/** The benchmarks saved beside the model's versions, this version's first; a row click shows it. */
export function SavedBenchmarks({
  saved,
  version,
  shown,
  laid,
  onShow,
}: {
  saved: Saved;
  version: number;
  shown: string | undefined;
  /** The benchmark drawn over the shown one, if any. */
  laid: string | undefined;
  onShow: (file: string) => void;
}) {
  const mine = saved.benchmarks.filter((entry) => entry.version === version);
  const others = saved.benchmarks.filter((entry) => entry.version !== version);
  const row = (entry: Entry) => {
    const best = peak(entry);
    return (
      <Table.Tr
        key={entry.file}
        className={`${classes.clickable} ${entry.file === shown ? classes.picked : ''}`}
        onClick={() => onShow(entry.file)}
        title={entry.file}
        data-testid="saved-benchmark"
        data-version={entry.version}
        aria-selected={entry.file === shown}
      >
        <Table.Td>{benchLabel(entry.version, entry.result.createdAt)}</Table.Td>
        <Table.Td c="dimmed">
          {gridLabel(entry.result)}
          {entry.file === laid && (
            <Badge size="xs" variant="outline" color="gray" ml={8} data-testid="saved-benchmark-laid">
              laid over
            </Badge>
          )}
        </Table.Td>
        <Table.Td className={classes.num}>{best.p50 === null ? '—' : formatMs(best.p50)}</Table.Td>
        <Table.Td className={classes.num}>{best.rate === null ? '—' : formatRate(best.rate)}</Table.Td>
      </Table.Tr>
    );
  };
  const head = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th w={170}>Version · saved</Table.Th>
        <Table.Th>Grid</Table.Th>
        <Table.Th className={classes.num} w={110}>
          Fastest p50
        </Table.Th>
        <Table.Th className={classes.num} w={110}>
          Peak items/s
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <Section title="Saved benchmarks" aside="click one to show it" testId="saved-benchmarks">
      {saved.benchmarks.length === 0 ? (
        <Text size="xs" c="dimmed" data-testid="saved-benchmarks-empty">
          No version of this model has a saved benchmark yet. Each run here is saved beside the version, in
          models/&lt;name&gt;/&lt;version&gt;/benchmarks/.
        </Text>
      ) : (
        <Table withRowBorders verticalSpacing={4} fz="xs" highlightOnHover>
          {head}
          <Table.Tbody>
            {mine.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4} c="dimmed">
                  This version (v{version}) has none yet.
                </Table.Td>
              </Table.Tr>
            )}
            {mine.map(row)}
            {others.length > 0 && (
              <Table.Tr>
                <Table.Td colSpan={4} c="dimmed" fw={600} pt={10}>
                  Other versions
                </Table.Td>
              </Table.Tr>
            )}
            {others.map(row)}
          </Table.Tbody>
        </Table>
      )}
      {saved.skipped.length > 0 && (
        <Text size="xs" c="orange" mt={6} data-testid="saved-benchmarks-skipped">
          {saved.skipped.length === 1 ? 'One file was' : `${saved.skipped.length} files were`} left out:{' '}
          {saved.skipped.map((s) => `${s.file} (${s.reason})`).join('; ')}
        </Text>
      )}
    </Section>
  );
}
