import { SegmentedControl, Stack, Text } from '@mantine/core';

export const OPTIMIZATION_LEVELS = ['all', 'extended', 'basic', 'disabled'] as const;
export type OptimizationLevel = (typeof OPTIMIZATION_LEVELS)[number];

/** ONNX Runtime's graph optimization level for a session, from the most rewriting to none. */
export function OptimizationControl({
  value,
  onChange,
  testId,
}: {
  value: OptimizationLevel;
  onChange: (level: OptimizationLevel) => void;
  testId: string;
}) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500}>
        Graph optimization
      </Text>
      <SegmentedControl
        size="xs"
        data={[...OPTIMIZATION_LEVELS]}
        value={value}
        onChange={(chosen) => onChange(OPTIMIZATION_LEVELS.find((level) => level === chosen) ?? 'all')}
        data-testid={testId}
      />
    </Stack>
  );
}
