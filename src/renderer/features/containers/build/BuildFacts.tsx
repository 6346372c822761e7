import { Anchor } from '@mantine/core';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { formatBytes, formatDateTime, formatDuration } from '../../../../shared/format/numbers.js';
import { routeHash } from '../../../app/navigation/route.js';
import { FactsGrid, type Fact } from '../../datasets/profile/FactsGrid.js';
import { modelItem } from '../../models/list/modelItem.js';
import { buildDurationMs } from '../buildJob.js';

const shortDigest = (digest: string) => digest.replace(/^.*sha256:/, '').slice(0, 12);

/** What a build was made from and what came out, as a property sheet. */
export function BuildFacts({ record }: { record: BuildRecord }) {
  const { model, base } = record;
  const duration = buildDurationMs(record);
  const facts: Fact[] = [
    {
      label: 'Model',
      value: (
        <Anchor
          href={routeHash({
            section: 'models',
            item: modelItem({ kind: 'registry', name: model.name, version: model.version }),
          })}
          size="xs"
          fw={600}
        >
          {model.name}@{model.version}
        </Anchor>
      ),
      title: `${model.name} version ${model.version} (${model.fileName})`,
      testId: 'build-fact-model',
    },
    { label: 'Model SHA-256', value: model.sha256.slice(0, 12), title: model.sha256 },
    { label: 'Base', value: base.image, title: base.image, testId: 'build-fact-base' },
    {
      label: 'Base digest',
      value: base.digest ? shortDigest(base.digest) : 'after the first build',
      ...(base.digest ? { title: base.digest } : {}),
    },
    { label: 'Model server', value: record.server.version },
    { label: 'ONNX Runtime', value: record.onnxruntime.version },
    {
      label: record.status === 'building' ? 'Started' : 'Build time',
      value:
        duration !== undefined
          ? formatDuration(duration)
          : record.startedAt
            ? formatDateTime(record.startedAt)
            : 'not built yet',
    },
    {
      // A failed or cancelled rebuild leaves the image of the build before it on the engine.
      label: record.status === 'built' || !record.image ? 'Image' : 'Last image',
      value: record.image ? formatBytes(record.image.sizeBytes) : '—',
      ...(record.image ? { title: record.image.id } : {}),
      testId: 'build-fact-size',
    },
    { label: 'Created', value: formatDateTime(record.createdAt), title: record.createdAt },
  ];
  return <FactsGrid facts={facts} testId="build-facts" />;
}
