import { Button, Group, LoadingOverlay, Modal, Select, Stack, Switch, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import {
  csvEncodings,
  datasetFormats,
  type CsvEncoding,
  type DatasetFormat,
  type DatasetPreview,
  type ImportOptions,
  type ImportSource,
} from '../../../../shared/contract/index.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import classes from './ImportOptionsDialog.module.css';
import { PreviewTable } from './PreviewTable.js';

const FORMAT_LABELS: Record<DatasetFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON (one object per line)',
};

const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'Comma  ,' },
  { value: ';', label: 'Semicolon  ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe  |' },
  { value: ' ', label: 'Space' },
];

const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16': 'UTF-16',
  'latin-1': 'Latin-1 (ISO-8859-1)',
};

/**
 * Shows what the import detected and the first rows as DuckDB reads them with those settings; any
 * change re-reads the preview. Enter imports, Escape cancels.
 */
export function ImportOptionsDialog(props: {
  fileName: string;
  sizeBytes: number;
  source: ImportSource;
  onImport: (options: ImportOptions) => void;
  onCancel: () => void;
}) {
  const [overrides, setOverrides] = useState<ImportOptions>({});
  const preview = useCall(
    'datasets.preview',
    { source: props.source, ...(Object.keys(overrides).length > 0 ? { options: overrides } : {}) },
    { placeholderData: keepPreviousData, retry: false, staleTime: Number.POSITIVE_INFINITY, gcTime: 0 },
  );
  const detected = preview.data;
  const format = overrides.format ?? detected?.format;
  // Unknown while a first preview fails (say, on the encoding): keep the text settings on
  // screen, since they are usually the fix.
  const isText = format === undefined || format === 'csv' || format === 'tsv';
  const csv = detected?.csv;
  const delimiter = overrides.delimiter ?? csv?.delimiter;
  const delimiterChoices =
    delimiter !== undefined && !DELIMITERS.some((d) => d.value === delimiter)
      ? [...DELIMITERS, { value: delimiter, label: JSON.stringify(delimiter) }]
      : DELIMITERS;
  const change = (patch: ImportOptions) => setOverrides((current) => ({ ...current, ...patch }));
  const submit = () => props.onImport(overrides);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    // Enter imports from anywhere in the dialog, unless a control (an open list, a button) took it.
    if (event.key !== 'Enter' || event.defaultPrevented || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    submit();
  };

  return (
    <Modal
      opened
      onClose={props.onCancel}
      size="min(1100px, 92vw)"
      title={
        <Text fw={600} className="mlw-truncate" title={props.fileName}>
          Import {props.fileName}
          <Text span c="dimmed" size="sm" fw={400}>
            {'  '}
            {formatBytes(props.sizeBytes)}
          </Text>
        </Text>
      }
    >
      <form
        data-testid="import-options"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onKeyDown={onKeyDown}
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Format"
              size="xs"
              w={200}
              allowDeselect={false}
              data={datasetFormats.map((value) => ({ value, label: FORMAT_LABELS[value] }))}
              value={format ?? null}
              placeholder="Not detected"
              onChange={(value) => value && change({ format: value })}
              data-testid="import-option-format"
              comboboxProps={{ withinPortal: true }}
            />
            {isText && (
              <>
                <Select
                  label="Delimiter"
                  size="xs"
                  w={150}
                  allowDeselect={false}
                  data={delimiterChoices}
                  value={delimiter ?? null}
                  placeholder="Not detected"
                  onChange={(value) => value !== null && change({ delimiter: value })}
                  data-testid="import-option-delimiter"
                />
                <Select
                  label="Encoding"
                  size="xs"
                  w={180}
                  allowDeselect={false}
                  data={csvEncodings.map((value) => ({ value, label: ENCODING_LABELS[value] }))}
                  // UTF-8 is what a read without a detected encoding tries.
                  value={overrides.encoding ?? csv?.encoding ?? 'utf-8'}
                  onChange={(value) => value && change({ encoding: value })}
                  data-testid="import-option-encoding"
                />
                <Switch
                  size="xs"
                  label="First row is the header"
                  checked={overrides.header ?? csv?.hasHeader ?? true}
                  onChange={(event) => change({ header: event.currentTarget.checked })}
                  mb={7}
                  data-testid="import-option-header"
                />
              </>
            )}
            {Object.keys(overrides).length > 0 && (
              <Button variant="subtle" size="xs" mb={2} onClick={() => setOverrides({})}>
                Use detected settings
              </Button>
            )}
          </Group>

          <div className={classes.previewBox}>
            <LoadingOverlay
              visible={preview.isFetching}
              overlayProps={{ blur: 1 }}
              loaderProps={{ size: 'sm' }}
            />
            {preview.isError ? (
              <div data-testid="import-preview-error">
                <ErrorAlert
                  error={preview.error}
                  title="The preview could not read the file with these settings"
                />
              </div>
            ) : detected ? (
              <PreviewTable preview={detected} />
            ) : null}
          </div>

          <Group justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed" data-testid="import-preview-caption">
              {previewCaption(preview.isError, detected)}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={props.onCancel} data-testid="import-options-cancel">
                Cancel
              </Button>
              {/* Focused first, so Enter imports at once and never lands on the close button. */}
              <Button type="submit" data-autofocus data-testid="import-confirm">
                Import
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function previewCaption(failed: boolean, preview: DatasetPreview | undefined): string {
  if (failed) return 'Change a setting above and the preview reads the file again.';
  if (!preview) return 'Reading the start of the file…';
  return `First ${preview.rows.length} rows × ${preview.columns.length} columns, as the import will read them. The whole file is converted to Parquet; the original stays untouched.`;
}
