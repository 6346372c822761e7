import { List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ModelAddResult } from '../../../../shared/contract/modelRegistry.js';

/**
 * An add that succeeded with warnings (ONNX Runtime cannot load the model, the check found errors,
 * a generic name, a duplicate) says so where the user is looking, for long enough to read.
 */
export function showAddWarnings(result: ModelAddResult): void {
  if (result.warnings.length === 0) return;
  const count = result.warnings.length;
  notifications.show({
    color: 'yellow',
    autoClose: 20_000,
    title: `Added ${result.name}@${result.version} with ${count} warning${count === 1 ? '' : 's'}`,
    message: (
      <List size="sm" spacing={4} data-testid="model-add-warnings">
        {result.warnings.map((warning) => (
          <List.Item key={warning}>
            <Text size="sm">{warning}</Text>
          </List.Item>
        ))}
      </List>
    ),
  });
}
