import { SegmentedControl, Stack, Text } from '@mantine/core';
import {
  graphOptimizationLevels,
  type GraphOptimization,
} from '../../../../shared/contract/graphOptimization.js';

/** Shown from the default (every rewrite) down to none. */
const LEVELS_SHOWN = [...graphOptimizationLevels].reverse();

/** ONNX Runtime's graph optimization level for a session, from the most rewriting to none. */
export function OptimizationControl({
  value,
  onChange,
  testId,
}: {
  value: GraphOptimization;
  onChange: (level: GraphOptimization) => void;
  testId: string;
}) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500}>
        Graph optimization
      </Text>
      <SegmentedControl
        size="xs"
        data={LEVELS_SHOWN}
        value={value}
        onChange={(chosen) => onChange(LEVELS_SHOWN.find((level) => level === chosen) ?? 'all')}
        data-testid={testId}
      />
    </Stack>
  );
}
