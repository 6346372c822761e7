import { ActionIcon, CopyButton, Tooltip, type MantineSize } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** An icon that copies a value (a URL, a key, a digest) and says so for a moment. */
export function CopyValue({
  value,
  label,
  testId,
  size,
}: {
  value: string;
  label: string;
  testId?: string;
  /** sm in a table row, whose height it would otherwise set. */
  size?: MantineSize;
}) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label}>
          <ActionIcon
            onClick={copy}
            aria-label={label}
            color={copied ? 'teal' : 'gray'}
            size={size}
            data-testid={testId}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
