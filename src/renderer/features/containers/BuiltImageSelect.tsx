import { Select } from '@mantine/core';
import type { BuildRecord } from '../../../shared/contract/containerBuilds.js';

/** The pick of a built image of this workspace, for a dialog opened without one. */
export function BuiltImageSelect({
  builds,
  pending,
  value,
  onChange,
  testId,
}: {
  /** The builds offered: the built ones the dialog can use. */
  builds: BuildRecord[];
  /** Whether the builds are still being read, so none is offered yet. */
  pending: boolean;
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
}) {
  return (
    <Select
      label="Image"
      description="A built image of this workspace."
      data={builds.map((record) => ({
        value: record.id,
        label: `${record.tag} (${record.model.name}@${record.model.version})`,
      }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      searchable
      nothingFoundMessage="No built image matches"
      placeholder={pending ? 'Reading the builds…' : 'No image is built yet'}
      size="xs"
      data-testid={testId}
    />
  );
}
