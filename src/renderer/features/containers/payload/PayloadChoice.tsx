import { Input, SegmentedControl } from '@mantine/core';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { DatasetSource } from '../../models/run/DatasetSource.js';
import type { DatasetState } from '../../models/run/datasetMapping.js';

export type PayloadKind = 'signature' | 'dataset';

/** Where the requests sent to a served model come from: its signature, or rows of a data set. */
export function PayloadSwitch({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: PayloadKind;
  onChange: (kind: PayloadKind) => void;
  testId: string;
}) {
  return (
    <Input.Wrapper label={label} size="xs">
      <div>
        <SegmentedControl
          size="xs"
          data={[
            { value: 'signature', label: 'From the signature' },
            { value: 'dataset', label: 'Rows of a data set' },
          ]}
          value={value}
          onChange={(kind) => onChange(kind)}
          data-testid={testId}
        />
      </div>
    </Input.Wrapper>
  );
}

/** The data set, its rows and the columns that fill each input, once the model's inputs are known. */
export function PayloadRows({
  inputsError,
  inputs,
  state,
  problems,
  onChange,
  rowsCaption,
}: {
  inputsError: unknown;
  inputs: ValueInfo[] | undefined;
  state: DatasetState;
  problems: Record<string, string>;
  onChange: (state: DatasetState) => void;
  rowsCaption: (range: { first: number; last: number; total: number }) => string;
}) {
  if (inputsError) return <ErrorAlert error={inputsError} title="The model’s inputs could not be read" />;
  if (!inputs) return null;
  return (
    <DatasetSource
      inputs={inputs}
      state={state}
      problems={problems}
      onChange={onChange}
      rowsCaption={rowsCaption}
    />
  );
}
