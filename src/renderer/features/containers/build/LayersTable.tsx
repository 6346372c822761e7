import { Table, Text, Tooltip } from '@mantine/core';
import type { ImageLayer } from '../../../../shared/contract/containerBuilds.js';
import { formatBytes, formatCount } from '../../../../shared/format/numbers.js';
import { Section } from '../../datasets/profile/TabState.js';

/** Docker's history prefixes shell-form instructions with this; the instruction reads better without it. */
const NOP = /^\/bin\/sh -c #\(nop\)\s*/;

/** An image's layers, newest first as `docker history` lists them, with the total size. */
export function LayersTable({ layers, sizeBytes }: { layers: ImageLayer[]; sizeBytes: number }) {
  return (
    <Section
      title={`Layers (${formatCount(layers.length)})`}
      aside={<span data-testid="image-size">{formatBytes(sizeBytes)} in all</span>}
      testId="image-layers"
    >
      <Table layout="fixed" withRowBorders highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90} ta="right">
              Size
            </Table.Th>
            <Table.Th>Created by</Table.Th>
            <Table.Th w={120}>Layer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {layers.map((layer, i) => {
            const createdBy = layer.createdBy.replace(NOP, '') || '(the base: an imported file system)';
            return (
              <Table.Tr key={`${layer.id}-${i}`} data-testid="image-layer">
                <Table.Td className="mlw-num">{formatBytes(layer.sizeBytes)}</Table.Td>
                <Table.Td>
                  <Tooltip
                    label={createdBy}
                    multiline
                    maw={640}
                    openDelay={400}
                    styles={{
                      tooltip: {
                        fontFamily: 'var(--mantine-font-family-monospace)',
                        overflowWrap: 'anywhere',
                      },
                    }}
                  >
                    <Text
                      size="xs"
                      ff="monospace"
                      className="mlw-truncate"
                      data-testid="image-layer-created-by"
                    >
                      {createdBy}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" c="dimmed" className="mlw-truncate" title={layer.id}>
                    {layer.id.replace(/^sha256:/, '').slice(0, 12)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
