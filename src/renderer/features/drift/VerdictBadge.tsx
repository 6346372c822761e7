import { Badge, type MantineSize } from '@mantine/core';

/** Drift / No drift, the same colours everywhere: red when it drifted, teal when it did not. */
export function VerdictBadge({
  drift,
  size = 'sm',
  testId,
}: {
  /** Null: it could not be compared. */
  drift: boolean | null;
  size?: MantineSize;
  testId?: string;
}) {
  if (drift === null)
    return (
      <Badge size={size} variant="light" color="gray" data-testid={testId} data-drift="unknown">
        n/a
      </Badge>
    );
  return (
    <Badge
      size={size}
      variant={drift ? 'filled' : 'light'}
      color={drift ? 'red' : 'teal'}
      data-testid={testId}
      data-drift={drift}
      style={{ flex: 'none' }}
    >
      {drift ? 'Drift' : 'No drift'}
    </Badge>
  );
}
