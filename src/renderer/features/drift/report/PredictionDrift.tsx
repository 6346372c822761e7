import { Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DriftReport } from '../../../../shared/contract/drift.js';
import { formatNumber } from '../../../../shared/format/numbers.js';
import { DriftColumnsTab } from './DriftColumnsTab.js';

type Prediction = NonNullable<DriftReport['prediction']>;

/** The model's outputs compared like columns, with its quality on both sides when a label was given. */
export function PredictionDrift({ prediction }: { prediction: Prediction }) {
  const [column, setColumn] = useState<string | undefined>(undefined);
  const { model, quality } = prediction;
  const metrics = quality ? Object.keys({ ...quality.baseline.metrics, ...quality.current.metrics }) : [];
  const metric = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : formatNumber(value);
  return (
    <Stack gap={0} h="100%" data-testid="drift-prediction">
      <Group px="md" py={6} gap="xl" style={{ flex: 'none' }} wrap="wrap">
        <Text size="xs" c="dimmed">
          Model{' '}
          <Text span size="xs" fw={500} c="var(--mantine-color-text)">
            {model.name}@{model.version}
          </Text>
        </Text>
        {quality &&
          metrics.map((name) => (
            <Text key={name} size="xs" c="dimmed" className="mlw-num">
              {name} {metric(quality.baseline.metrics[name])} →{' '}
              <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                {metric(quality.current.metrics[name])}
              </Text>
            </Text>
          ))}
      </Group>
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <DriftColumnsTab columns={prediction.columns} selected={column} onSelect={setColumn} />
      </div>
    </Stack>
  );
}
