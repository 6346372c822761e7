import { Select } from '@mantine/core';
import {
  executionProviders,
  type ExecutionProvider,
} from '../../../../shared/contract/executionProviders.js';
import { useCall } from '../../../app/query/useCall.js';

const isProvider = (name: string): name is ExecutionProvider =>
  executionProviders.some((provider) => provider === name);

/**
 * The execution provider of a session: the ones this machine's ONNX Runtime build bundles can be
 * chosen, the others are listed greyed with what they need, so a user sees why CUDA is not there.
 */
export function ProviderSelect({
  value,
  onChange,
  testId,
}: {
  value: ExecutionProvider;
  onChange: (provider: ExecutionProvider) => void;
  testId: string;
}) {
  const providers = useCall('models.providers', {}, { staleTime: Infinity });
  const known = (providers.data ?? []).filter((p) => isProvider(p.name));
  const data = known.length
    ? known.map((p) => ({
        value: p.name,
        label: p.bundled ? p.name : `${p.name} (not installed)`,
        disabled: !p.bundled,
      }))
    : [{ value: 'cpu', label: 'cpu' }];
  const note = known.find((p) => p.name === value)?.note;
  return (
    <Select
      label="Execution provider"
      size="xs"
      w={170}
      data={data}
      value={value}
      allowDeselect={false}
      onChange={(chosen) => onChange(chosen !== null && isProvider(chosen) ? chosen : 'cpu')}
      title={note}
      renderOption={({ option }) => (
        <span title={known.find((p) => p.name === option.value)?.note}>{option.label}</span>
      )}
      data-testid={testId}
    />
  );
}
