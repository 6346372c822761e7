import { Group, Table, Text } from '@mantine/core';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { formatDateTime } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';
import { CopyValue } from '../CopyValue.js';

const shortDigest = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

/** Where the image was pushed, newest first, each with the digest the registry stored. */
export function PushesSection({ pushes }: { pushes: BuildRecord['pushes'] }) {
  const newestFirst = [...pushes].reverse();
  return (
    <Section title="Pushes" aside="newest first" testId="build-pushes">
      <Table layout="fixed" withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reference</Table.Th>
            <Table.Th w={170}>Digest</Table.Th>
            <Table.Th w={150}>Pushed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((push) => (
            <Table.Tr key={`${push.at}-${push.reference}`} data-testid="build-push">
              <Table.Td>
                <Text size="xs" ff="monospace" className="mlw-truncate" title={push.reference}>
                  {push.reference}
                </Text>
              </Table.Td>
              <Table.Td>
                {push.digest ? (
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" ff="monospace" title={push.digest} data-testid="build-push-digest">
                      {shortDigest(push.digest)}
                    </Text>
                    <CopyValue value={push.digest} label="Copy the digest" size="sm" />
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    none named
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" className="mlw-num" title={push.at}>
                  {formatDateTime(push.at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
