import { TextInput } from '@mantine/core';

/** One size field per named symbolic dimension a lab job needs (`--dim NAME=SIZE` on the CLI). */
export function DimSizeFields({
  names,
  sizes,
  onChange,
  problem,
  testIdPrefix,
}: {
  names: string[];
  sizes: Record<string, string>;
  onChange: (sizes: Record<string, string>) => void;
  /** The form's message about dimensions; shown under the field it names. */
  problem: string | undefined;
  testIdPrefix: string;
}) {
  return names.map((name) => (
    <TextInput
      key={name}
      label={name}
      placeholder="size"
      title={`The size of the symbolic dimension “${name}”`}
      size="xs"
      w={110}
      value={sizes[name] ?? ''}
      onChange={(event) => onChange({ ...sizes, [name]: event.currentTarget.value })}
      error={problem?.includes(`“${name}”`) ? problem : undefined}
      classNames={{ label: 'mlw-truncate' }}
      labelProps={{ title: name }}
      data-testid={`${testIdPrefix}-${name}`}
    />
  ));
}
