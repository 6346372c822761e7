import { Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DriftReport } from '../../../../shared/contract/drift.js';
import { DriftColumnsTab } from './DriftColumnsTab.js';
import { ModelQualityTable } from './ModelQualityTable.js';

type Prediction = NonNullable<DriftReport['prediction']>;

/** The model's outputs compared like columns, with its quality on both sides when a label was given. */
export function PredictionDrift({ prediction }: { prediction: Prediction }) {
  const [column, setColumn] = useState<string | undefined>(undefined);
  const { model, quality } = prediction;
  return (
    <Stack gap={0} h="100%" data-testid="drift-prediction">
      <Stack
        gap={4}
        px="md"
        py={6}
        style={{ flex: 'none', borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Group gap="xl" wrap="wrap">
          <Text size="xs" c="dimmed">
            Model{' '}
            <Text span size="xs" fw={500} c="var(--mantine-color-text)">
              {model.name}@{model.version}
            </Text>
          </Text>
          {!quality && (
            <Text size="xs" c="dimmed" data-testid="drift-model-quality-none">
              No quality figures: the report was run without a label column.
            </Text>
          )}
        </Group>
        {quality && <ModelQualityTable baseline={quality.baseline} current={quality.current} />}
      </Stack>
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <DriftColumnsTab columns={prediction.columns} selected={column} onSelect={setColumn} />
      </div>
    </Stack>
  );
}
