import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PayloadRows, PayloadSwitch, type PayloadKind } from '../payload/PayloadChoice.js';
import { requestRowsCaption } from '../payload/requestRows.js';
import { datasetProblems, emptyDatasetState, type DatasetState } from '../../models/run/datasetMapping.js';

interface VerifyForm {
  samples: number;
  batch: number;
  payload: PayloadKind;
  dataset: DatasetState;
}

/**
 * Verifies a built image again, on inputs generated from the signature or on rows of a data set
 * (the data the model will really see). The job shows in the build's header and log like a build's.
 */
export function VerifyDialog({ record, onClose }: { record: BuildRecord; onClose: () => void }) {
  const client = useClient();
  const [form, setForm] = useState<VerifyForm>({
    samples: 4,
    batch: 2,
    payload: 'signature',
    dataset: { ...emptyDatasetState, limit: 8 },
  });
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>();
  const opened = useCall(
    'models.open',
    { model: { kind: 'registry', name: record.model.name, version: record.model.version } },
    { enabled: form.payload === 'dataset', staleTime: 60_000, retry: false },
  );
  const inputs = opened.data?.inputs;
  const problems: Record<string, string> = {};
  if (!(form.samples >= 1 && form.samples <= 100)) problems.samples = 'From 1 to 100 requests.';
  if (!(form.batch >= 1 && form.batch <= 256)) problems.batch = 'From 1 to 256 rows.';
  if (form.payload === 'dataset' && inputs) Object.assign(problems, datasetProblems(inputs, form.dataset));
  const blocked =
    Object.keys(problems).length > 0 ||
    (form.payload === 'dataset' && (inputs === undefined || !form.dataset.slug));
  const number = (value: string | number): number => (typeof value === 'number' ? value : 0);
  const update = (next: Partial<VerifyForm>): void => {
    const merged = { ...form, ...next };
    setForm({ ...merged, dataset: { ...merged.dataset, limit: merged.samples * merged.batch } });
  };

  const start = async (): Promise<void> => {
    if (blocked || starting) return;
    setStarting(true);
    setError(undefined);
    try {
      const { dataset } = form;
      await client.call('containers.verify', {
        id: record.id,
        samples: form.samples,
        batch: form.batch,
        ...(form.payload === 'dataset' && dataset.slug !== null
          ? { dataset: dataset.slug, mapping: dataset.mapping, offset: dataset.offset }
          : {}),
      });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Verify the image" size="lg" data-testid="verify-dialog">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          Starts {record.tag} in a throwaway container and holds its answers on /predict and v2 infer to
          in-process ONNX Runtime.
        </Text>
        <Group gap="md" align="flex-start">
          <NumberInput
            label="Requests per route"
            size="xs"
            w={150}
            min={1}
            max={100}
            allowDecimal={false}
            value={form.samples}
            onChange={(value) => update({ samples: number(value) })}
            error={problems.samples}
            data-testid="verify-samples"
          />
          <NumberInput
            label="Rows per request"
            size="xs"
            w={150}
            min={1}
            max={256}
            allowDecimal={false}
            value={form.batch}
            onChange={(value) => update({ batch: number(value) })}
            error={problems.batch}
            data-testid="verify-batch"
          />
          <PayloadSwitch
            label="Inputs"
            value={form.payload}
            onChange={(payload) => update({ payload })}
            testId="verify-payload"
          />
        </Group>
        {form.payload === 'dataset' && (
          <PayloadRows
            inputsError={opened.error}
            inputs={inputs}
            state={form.dataset}
            problems={problems}
            onChange={(dataset) => update({ dataset })}
            rowsCaption={(range) =>
              requestRowsCaption(
                range,
                form.batch,
                form.samples,
                (requests) =>
                  `${requests} ${requests === 1 ? 'request' : 'requests'} of ${form.batch} ${form.batch === 1 ? 'row' : 'rows'} per route`,
              )
            }
          />
        )}
        {error !== undefined && <ErrorAlert error={error} title="The verification could not start" />}
        <Group justify="space-between">
          <Button variant="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button
            leftSection={<IconShieldCheck size={14} />}
            onClick={() => void start()}
            disabled={blocked}
            loading={starting}
            data-testid="verify-start"
          >
            Verify
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
