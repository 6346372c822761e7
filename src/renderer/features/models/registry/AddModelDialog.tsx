import {
  Button,
  Checkbox,
  Group,
  Modal,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  modelAddResultSchema,
  modelNameSchema,
  type ConvertedFrom,
  type ModelAddResult,
} from '../../../../shared/contract/modelRegistry.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { useClient } from '../../../app/query/clientContext.js';
import { waitForJob } from '../../../app/query/waitForJob.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { suggestModelName } from '../list/modelItem.js';

/** The card's "converted from" fields, as the dialog asks for them. */
const CONVERSION_FIELDS: { key: keyof ConvertedFrom; label: string; placeholder: string }[] = [
  { key: 'framework', label: 'Converted from', placeholder: 'pytorch, tensorflow, sklearn…' },
  { key: 'frameworkVersion', label: 'Framework version', placeholder: '2.5.1' },
  { key: 'tool', label: 'Conversion tool', placeholder: 'torch.onnx, tf2onnx, skl2onnx…' },
  { key: 'toolVersion', label: 'Tool version', placeholder: '1.17.0' },
];

type Phase =
  | { step: 'form' }
  | { step: 'uploading'; fraction: number }
  | { step: 'adding' }
  | { step: 'failed'; error: unknown; duplicate: boolean };

/**
 * Registers a picked .onnx file as the next version of a name: the file travels to the host (browser
 * mode), then `models.add` runs as a job; its result opens the new version.
 */
export function AddModelDialog({
  file,
  onClose,
  onAdded,
}: {
  file: File;
  onClose: () => void;
  onAdded: (result: ModelAddResult) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState(() => suggestModelName(file.name));
  const [description, setDescription] = useState('');
  const [conversion, setConversion] = useState<Record<keyof ConvertedFrom, string>>({
    framework: '',
    frameworkVersion: '',
    tool: '',
    toolVersion: '',
  });
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const abort = useRef<AbortController | null>(null);
  const nameCheck = modelNameSchema.safeParse(name.trim());
  const nameError = name.trim() === '' || nameCheck.success ? undefined : nameCheck.error.issues[0]?.message;
  const busy = phase.step === 'uploading' || phase.step === 'adding';

  const add = async (): Promise<void> => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'uploading', fraction: 0 });
    let uploadId: string | undefined;
    try {
      const source = await client.prepareImport(file, {
        signal: controller.signal,
        onProgress: ({ sentBytes, totalBytes }) =>
          setPhase({ step: 'uploading', fraction: totalBytes > 0 ? sentBytes / totalBytes : 0 }),
      });
      if (source.kind === 'upload') uploadId = source.uploadId;
      setPhase({ step: 'adding' });
      const trimmed = description.trim();
      const convertedFrom = Object.fromEntries(
        Object.entries(conversion)
          .map(([key, value]) => [key, value.trim()])
          .filter(([, value]) => value !== ''),
      ) as ConvertedFrom;
      const job = await client.call('models.add', {
        source,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(trimmed ? { description: trimmed } : {}),
        ...(Object.keys(convertedFrom).length > 0 ? { convertedFrom } : {}),
        ...(allowDuplicate ? { allowDuplicate: true } : {}),
      });
      const done = await waitForJob(queryClient, job.id);
      if (done.status !== 'succeeded') {
        throw done.error
          ? new WorkbenchError(done.error)
          : new Error(`Adding the model ended as ${done.status}.`);
      }
      const result = modelAddResultSchema.parse(done.result);
      await queryClient.invalidateQueries({ queryKey: ['models.list'] });
      onAdded(result);
    } catch (error) {
      if (uploadId) void client.call('datasets.discardUpload', { uploadId }).catch(() => undefined);
      if (controller.signal.aborted) return;
      const duplicate =
        typeof error === 'object' && error !== null && 'code' in error && error.code === 'ALREADY_EXISTS';
      setPhase({ step: 'failed', error, duplicate });
    }
  };

  const cancel = () => {
    abort.current?.abort();
    onClose();
  };

  return (
    <Modal
      opened
      onClose={cancel}
      title="Add a model to the registry"
      size="lg"
      data-testid="add-model-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && !nameError) void add();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            <Text span ff="monospace" size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {file.name}
            </Text>{' '}
            <Text span c="dimmed" size="sm">
              {formatBytes(file.size)}
            </Text>
          </Text>
          <TextInput
            label="Name"
            description="Adding under a registered name makes the next version of that model."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
            disabled={busy}
            data-autofocus
            data-testid="add-model-name"
          />
          <Textarea
            label="Description"
            placeholder="What it predicts, what it was trained on (optional)"
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            disabled={busy}
            size="xs"
            data-testid="add-model-description"
          />
          <SimpleGrid cols={2} spacing="sm" verticalSpacing={6}>
            {CONVERSION_FIELDS.map(({ key, label, placeholder }) => (
              <TextInput
                key={key}
                size="xs"
                label={label}
                placeholder={placeholder}
                maxLength={100}
                value={conversion[key]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setConversion((c) => ({ ...c, [key]: value }));
                }}
                disabled={busy}
                data-testid={`add-model-${key}`}
              />
            ))}
          </SimpleGrid>
          {phase.step === 'uploading' && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                Sending the file… {Math.round(phase.fraction * 100)}%
              </Text>
              <Progress value={phase.fraction * 100} size="sm" />
            </Stack>
          )}
          {phase.step === 'adding' && (
            <Text size="xs" c="dimmed">
              Checking and registering the model…
            </Text>
          )}
          {phase.step === 'failed' && (
            <>
              <ErrorAlert error={phase.error} />
              {phase.duplicate && (
                <Checkbox
                  size="xs"
                  label="Register it again as a new version anyway"
                  checked={allowDuplicate}
                  onChange={(event) => setAllowDuplicate(event.currentTarget.checked)}
                  data-testid="add-model-allow-duplicate"
                />
              )}
            </>
          )}
          <Group justify="end" gap="xs">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button
              type="submit"
              leftSection={<IconPlus size={14} />}
              loading={busy}
              disabled={Boolean(nameError)}
              data-testid="add-model-confirm"
            >
              Add model
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
