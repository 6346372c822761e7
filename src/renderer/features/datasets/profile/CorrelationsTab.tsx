import { ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Heatmap } from '../../../components/charts/Heatmap.js';
import { truncateMiddle } from '../../../components/charts/truncate.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import type { Profile } from './profileTypes.js';
import { StrongestPairs } from './StrongestPairs.js';
import { EmptyTab } from './TabState.js';

type Method = 'pearson' | 'spearman' | 'cramersV';

const METHODS: Record<Method, { label: string; measure: string; empty: string }> = {
  pearson: { label: 'Pearson', measure: 'Pearson r', empty: 'No numeric pairs to correlate' },
  spearman: { label: 'Spearman', measure: 'Spearman ρ', empty: 'No numeric pairs to correlate' },
  cramersV: { label: 'Cramér’s V', measure: 'Cramér’s V', empty: 'No categorical pairs to associate' },
};
const METHOD_ORDER: Method[] = ['pearson', 'spearman', 'cramersV'];

/** Pair measures as a heatmap, one method at a time, with what the engine left out said plainly. */
export function CorrelationsTab({ profile }: { profile: Profile }) {
  const [method, setMethod] = useState<Method>('pearson');
  const { correlations } = profile;
  const chosen = METHODS[method];
  const matrix = correlations[method];
  const scale = method === 'cramersV' ? 'sequential' : 'diverging';
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="sm" p="md" data-testid="correlations-tab" data-method={method}>
        <SegmentedControl
          size="xs"
          w="fit-content"
          value={method}
          onChange={(value) => setMethod(value)}
          data={METHOD_ORDER.map((m) => ({
            value: m,
            label: `${METHODS[m].label} (${formatCount(correlations[m].columns.length)})`,
          }))}
          data-testid="correlation-method"
        />
        <Notes profile={profile} method={method} />
        {matrix.columns.length < 2 ? (
          <EmptyTab title={chosen.empty} testId="correlations-empty">
            {method === 'cramersV'
              ? 'Cramér’s V needs at least two categorical or boolean columns.'
              : 'Pearson and Spearman need at least two numeric columns with some spread.'}
          </EmptyTab>
        ) : (
          <>
            <Heatmap labels={matrix.columns} values={matrix.values} scale={scale} measure={chosen.measure} />
            <StrongestPairs labels={matrix.columns} values={matrix.values} measure={chosen.measure} />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}

function Notes({ profile, method }: { profile: Profile; method: Method }) {
  const { correlations } = profile;
  const omitted = correlations.omitted;
  const spearmanSampled =
    method === 'spearman' && correlations.spearmanRows > 0 && correlations.spearmanRows < profile.rows;
  if (omitted.length === 0 && !spearmanSampled) return null;
  return (
    <Stack gap={2} data-testid="correlations-note">
      {omitted.length > 0 && (
        // One line however many were cut; the names are in the title, one per line.
        <Text size="xs" c="orange" title={omitted.join('\n')} data-testid="correlations-omitted">
          Showing {formatCount(correlations.maxColumns)} columns: matrices hold at most that many, so{' '}
          {formatCount(omitted.length)} {omitted.length === 1 ? 'column was' : 'columns were'} left out (
          {omitted
            .slice(0, 2)
            .map((name) => truncateMiddle(name, 32))
            .join(', ')}
          {omitted.length > 2 ? `, and ${formatCount(omitted.length - 2)} more` : ''}).
        </Text>
      )}
      {spearmanSampled && (
        <Text size="xs" c="dimmed">
          Spearman ranks computed on a uniform sample of {formatCount(correlations.spearmanRows)} of{' '}
          {formatCount(profile.rows)} rows.
        </Text>
      )}
    </Stack>
  );
}
