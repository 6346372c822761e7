import { Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconUpload, IconX } from '@tabler/icons-react';
import { CSV_ACCEPT, CSV_DESCRIPTION } from './csvFiles.js';

function rejectFiles(names: string[]): void {
  notifications.show({
    color: 'red',
    title: 'Not a file the workbench can import',
    message: `${names.join(', ')}: choose a ${CSV_DESCRIPTION.toLowerCase()}.`,
  });
}

/** The teaching empty state: where to drop a file, and what happens to it. */
export function ImportDropzone(props: {
  onFile: (file: File) => void;
  disabled: boolean;
  compact?: boolean;
}) {
  return (
    <Dropzone
      onDrop={(files) => {
        const [file] = files;
        if (file) props.onFile(file);
      }}
      onReject={(rejections) => rejectFiles(rejections.map((r) => r.file.name))}
      accept={CSV_ACCEPT}
      multiple={false}
      disabled={props.disabled}
      p={props.compact ? 'lg' : 'xl'}
      data-testid="import-dropzone"
    >
      <Stack
        align="center"
        gap="sm"
        mih={props.compact ? 140 : 220}
        justify="center"
        style={{ pointerEvents: 'none' }}
      >
        <ThemeIcon size={48} radius="xl" variant="light">
          <Dropzone.Accept>
            <IconUpload size={26} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={26} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileTypeCsv size={26} stroke={1.5} />
          </Dropzone.Idle>
        </ThemeIcon>
        <Text fw={600}>Drop a data file here or choose one</Text>
        <Text size="sm" c="dimmed" ta="center" maw={440}>
          {CSV_DESCRIPTION}. The workbench converts it to Parquet in your workspace and profiles every column;
          the original file is left untouched.
        </Text>
        <Group>
          <Button component="span" variant="light" leftSection={<IconUpload size={14} />}>
            Choose file
          </Button>
        </Group>
      </Stack>
    </Dropzone>
  );
}

/** While data sets are listed, a file can still be dropped anywhere on the Data screen. */
export function ImportDropOverlay(props: { onFile: (file: File) => void; disabled: boolean }) {
  return (
    <Dropzone.FullScreen
      active={!props.disabled}
      accept={CSV_ACCEPT}
      multiple={false}
      onDrop={(files) => {
        const [file] = files;
        if (file) props.onFile(file);
      }}
      onReject={(rejections) => rejectFiles(rejections.map((r) => r.file.name))}
    >
      <Stack align="center" justify="center" mih="60vh" gap="sm" style={{ pointerEvents: 'none' }}>
        <IconUpload size={40} stroke={1.5} />
        <Text fw={600}>Drop the file to import it</Text>
        <Text size="sm" c="dimmed">
          {CSV_DESCRIPTION}
        </Text>
      </Stack>
    </Dropzone.FullScreen>
  );
}
