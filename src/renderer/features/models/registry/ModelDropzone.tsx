import { Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconCubePlus, IconUpload } from '@tabler/icons-react';

/** ONNX has no registered MIME type: browsers send an empty or generic one, so the extension decides. */
const ONNX_ACCEPT: Record<string, string[]> = { 'application/octet-stream': ['.onnx'] };

function rejectFiles(rejections: FileRejection[]): void {
  notifications.show({
    color: 'red',
    title: 'Not a model the registry can add',
    message: `${rejections.map((r) => r.file.name).join(', ')}: drop one .onnx file (convert other formats to ONNX first).`,
  });
}

function firstFile(files: File[], onFile: (file: File) => void): void {
  const [file] = files;
  if (file) onFile(file);
}

/** The Models screen's start: where to drop a model and what adding does. */
export function ModelDropzone({ onFile }: { onFile: (file: File) => void }) {
  return (
    <Dropzone
      onDrop={(files) => firstFile(files, onFile)}
      onReject={rejectFiles}
      accept={ONNX_ACCEPT}
      multiple={false}
      data-testid="model-dropzone"
    >
      <Stack align="center" gap={6} py="xl" style={{ pointerEvents: 'none' }}>
        <IconCubePlus size={36} stroke={1.4} color="var(--mantine-color-dimmed)" />
        <Text size="sm" fw={500}>
          Drop an .onnx file here to add it to the registry
        </Text>
        <Text size="xs" c="dimmed" ta="center" maw={440}>
          or click to choose one. Each model keeps its versions side by side with their cards. To look at a
          file without registering it, type its path in the workspace above.
        </Text>
      </Stack>
    </Dropzone>
  );
}

/** While a model is open, another can still be dropped anywhere on the Models screen. */
export function ModelDropOverlay({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  return (
    <Dropzone.FullScreen
      active={!disabled}
      accept={ONNX_ACCEPT}
      multiple={false}
      onDrop={(files) => firstFile(files, onFile)}
      onReject={rejectFiles}
      data-testid="model-drop-overlay"
    >
      <Stack align="center" justify="center" mih="60vh" gap="sm" style={{ pointerEvents: 'none' }}>
        <IconUpload size={40} stroke={1.5} />
        <Text fw={600}>Drop the .onnx file to add it to the registry</Text>
        <Text size="sm" c="dimmed">
          A new name, or the next version of a model already registered
        </Text>
      </Stack>
    </Dropzone.FullScreen>
  );
}
