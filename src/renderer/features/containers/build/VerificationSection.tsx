import { Badge, Group, Table, Text } from '@mantine/core';
import type { Verification } from '../../../../shared/contract/containerBuilds.js';
import { formatCount, formatDuration, formatNumber } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';

const error = (value: number | null) => (value === null ? '—' : formatNumber(value));

/** Whether the image answered like in-process ONNX Runtime, route by route. */
export function VerificationSection({ verification }: { verification: Verification }) {
  const verified = verification.status === 'verified';
  return (
    <Section
      title="Verification"
      aside={`ready ${formatDuration(verification.readyMs)} after start`}
      testId="build-verification"
    >
      <Group gap="xs" wrap="nowrap" align="flex-start" mb={6}>
        <Badge
          size="sm"
          variant="light"
          color={verified ? 'teal' : 'red'}
          tt="none"
          style={{ flex: 'none' }}
          data-testid="verification-status"
        >
          {verification.status}
        </Badge>
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {verification.message}
        </Text>
      </Group>
      {verification.routes.length > 0 && (
        <Table layout="fixed" withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Route</Table.Th>
              <Table.Th w={90} ta="right">
                Requests
              </Table.Th>
              <Table.Th w={120} ta="right">
                Max abs error
              </Table.Th>
              <Table.Th w={120} ta="right">
                Max rel error
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {verification.routes.map((route) => (
              <Table.Tr key={route.route}>
                <Table.Td>
                  <Text size="xs" ff="monospace" className="mlw-truncate" title={route.route}>
                    {route.route}
                  </Text>
                  {route.failure && (
                    <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                      {route.failure}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="mlw-num">{formatCount(route.requests)}</Table.Td>
                <Table.Td className="mlw-num">{error(route.maxAbsError)}</Table.Td>
                <Table.Td className="mlw-num">{error(route.maxRelError)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
