import { ActionIcon, Code, CopyButton, Group, Tooltip, type MantineSize } from '@mantine/core';
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

/** A value shown to be copied (a URL, a key, a digest): as code that wraps anywhere, its copy icon beside it. */
export function CodeToCopy({
  value,
  label,
  fz,
  testId,
  copyTestId,
}: {
  value: string;
  /** The copy icon's label. */
  label: string;
  fz: 'xs' | 'sm';
  testId?: string;
  copyTestId?: string;
}) {
  return (
    <Group gap={6} wrap="nowrap">
      <Code fz={fz} style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Code>
      <CopyValue value={value} label={label} testId={copyTestId} />
    </Group>
  );
}
