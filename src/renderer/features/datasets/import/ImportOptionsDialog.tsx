import {
  Badge,
  Button,
  Collapse,
  Group,
  LoadingOverlay,
  Modal,
  NumberInput,
  Progress,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import {
  DEFAULT_MAX_LINE_SIZE,
  MAX_LINE_SIZE_LIMIT,
  csvEncodings,
  datasetFormats,
  raggedRowsModes,
  type CsvEncoding,
  type DatasetFormat,
  type ImportOptions,
  type RaggedRowsMode,
  type ImportSource,
} from '../../../../shared/contract/index.js';
import { formatBytes, formatPercent } from '../../../../shared/format/numbers.js';
import { useClient } from '../../../app/query/clientContext.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { ColumnTypeSelect } from './ColumnTypeSelect.js';
import classes from './ImportOptionsDialog.module.css';
import type { UploadProgress } from './importState.js';
import {
  advancedCount,
  applyOverrides,
  charOverride,
  countOverride,
  describeChar,
  withColumnType,
} from './importOptionsForm.js';
import { PreviewTable } from './PreviewTable.js';
import { createPreviewReader, previewSettings, type PreviewOutcome } from './previewReader.js';

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

const RAGGED_LABELS: Record<RaggedRowsMode, string> = {
  skip: 'Leave out (listed)',
  pad: 'Pad short rows with NULL',
  fail: 'Fail the import',
};

const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16': 'UTF-16',
  'latin-1': 'Latin-1 (ISO-8859-1)',
};

/** Typing in a field re-reads the preview once the typing pauses, not at every key. */
const PREVIEW_DEBOUNCE_MS = 250;

/**
 * Shows what the import detected and the first rows as DuckDB reads them with those settings; any
 * change re-reads the preview, and every CSV setting, down to each column's type, can be changed.
 * Enter imports, Escape cancels. While the whole file is still uploading (browser mode) the preview
 * reads its head, and Import waits for the upload.
 */
export function ImportOptionsDialog(props: {
  fileName: string;
  sizeBytes: number;
  previewSource: ImportSource;
  /** Present while the whole file is still uploading. */
  upload?: UploadProgress;
  onImport: (options: ImportOptions) => void;
  onCancel: () => void;
}) {
  const client = useClient();
  const [reader] = useState(() => createPreviewReader((input) => client.call('datasets.preview', input)));
  const [overrides, setOverrides] = useState<ImportOptions>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);

  // Keyed by text so the debounce compares values, not objects made afresh at each render.
  const requestKey = JSON.stringify([props.previewSource, previewSettings(overrides)]);
  const [debouncedKey] = useDebouncedValue(requestKey, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: ['import-preview', debouncedKey],
    queryFn: ({ signal }): Promise<PreviewOutcome> => {
      const [source, options] = JSON.parse(debouncedKey) as [ImportSource, ImportOptions];
      return reader.read(source, options, signal);
    },
    // Each answer belongs to its own key: an older one that arrives late is never shown for a newer.
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const outcome = preview.data;
  const shown = outcome?.preview;
  const reading = preview.isFetching || requestKey !== debouncedKey;

  const format = overrides.format ?? shown?.format;
  // Unknown while a first preview fails (say, on the encoding): keep the text settings on
  // screen, since they are usually the fix.
  const isText = format === undefined || format === 'csv' || format === 'tsv';
  const csv = shown?.csv;
  const delimiter = overrides.delimiter ?? csv?.delimiter;
  const delimiterChoices =
    delimiter !== undefined && !DELIMITERS.some((d) => d.value === delimiter)
      ? [...DELIMITERS, { value: delimiter, label: JSON.stringify(delimiter) }]
      : DELIMITERS;
  const change = (patch: Parameters<typeof applyOverrides>[1]) =>
    setOverrides((current) => applyOverrides(current, patch));
  const changed = advancedCount(overrides);
  const submit = () => props.onImport(reader.importOptions(props.previewSource, overrides));

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    // Enter imports from anywhere in the dialog, unless a control (an open list, a button) took it.
    if (event.key !== 'Enter' || event.defaultPrevented || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    submit();
  };
  const onKeyDownCapture = (event: KeyboardEvent<HTMLFormElement>) => {
    // A closed select would open on Enter; here Enter imports, and Space or ↓ opens the list.
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || target.getAttribute('role') !== 'combobox') return;
    if (target.getAttribute('aria-expanded') === 'true') return;
    event.stopPropagation();
    event.preventDefault();
    submit();
  };

  const typePickers = shown !== undefined && (shown.format === 'csv' || shown.format === 'tsv');
  const detectedTypes = outcome?.detectedTypes ?? {};

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
        onKeyDownCapture={onKeyDownCapture}
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Format"
              size="xs"
              w={190}
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
                  w={140}
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
                  w={170}
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
            <Group gap={4} ml="auto" mb={2} wrap="nowrap">
              {Object.keys(overrides).length > 0 && (
                <Button variant="subtle" size="xs" onClick={() => setOverrides({})}>
                  Use detected settings
                </Button>
              )}
              {isText && (
                <Button
                  variant="subtle"
                  size="xs"
                  color="gray"
                  aria-expanded={advancedOpen}
                  onClick={() => setAdvancedOpen((open) => !open)}
                  rightSection={
                    <IconChevronDown
                      size={14}
                      className={classes.chevron}
                      data-open={advancedOpen || undefined}
                    />
                  }
                  data-testid="import-advanced-toggle"
                >
                  Advanced
                  {changed > 0 && (
                    <Badge size="xs" circle ml={6}>
                      {changed}
                    </Badge>
                  )}
                </Button>
              )}
            </Group>
          </Group>

          {isText && (
            <Collapse expanded={advancedOpen} keepMounted={false}>
              <Group gap="sm" align="flex-end" wrap="wrap" data-testid="import-advanced">
                <TextInput
                  label="Quote"
                  size="xs"
                  w={80}
                  maxLength={2}
                  value={overrides.quote ?? ''}
                  placeholder={describeChar(csv?.quote)}
                  title="The character around fields that hold the delimiter; empty: detected"
                  onChange={(event) => change({ quote: charOverride(event.currentTarget.value) })}
                  classNames={{ input: classes.charInput }}
                  data-testid="import-option-quote"
                />
                <TextInput
                  label="Escape"
                  size="xs"
                  w={80}
                  maxLength={2}
                  value={overrides.escape ?? ''}
                  placeholder={describeChar(csv?.escape)}
                  title="The character before a quote inside a quoted field; empty: detected"
                  onChange={(event) => change({ escape: charOverride(event.currentTarget.value) })}
                  classNames={{ input: classes.charInput }}
                  data-testid="import-option-escape"
                />
                <NumberInput
                  label="Skip lines"
                  size="xs"
                  w={100}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  value={overrides.skipRows ?? ''}
                  placeholder={String(csv?.skipRows ?? 0)}
                  title="Lines before the header (or the first row) to leave out"
                  onChange={(value) => change({ skipRows: countOverride(value) })}
                  data-testid="import-option-skip"
                />
                <NumberInput
                  label="Random sample"
                  size="xs"
                  w={150}
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  rightSection={
                    <Text size="xs" c="dimmed">
                      rows
                    </Text>
                  }
                  rightSectionWidth={40}
                  value={overrides.sampleRows ?? ''}
                  placeholder="All rows"
                  title="Import a uniform random sample of this many rows instead of every row"
                  onChange={(value) => change({ sampleRows: countOverride(value) || undefined })}
                  data-testid="import-option-sample"
                />
                <Select
                  label="Ragged rows"
                  size="xs"
                  w={190}
                  allowDeselect={false}
                  data={raggedRowsModes.map((value) => ({ value, label: RAGGED_LABELS[value] }))}
                  value={overrides.raggedRows ?? csv?.raggedRows ?? 'skip'}
                  title="Rows with more or fewer fields than the header: left out, kept with NULL in the missing fields (rows with more are still left out), or a failed import naming the first"
                  onChange={(value) => value && change({ raggedRows: value })}
                  data-testid="import-option-ragged"
                  comboboxProps={{ withinPortal: true }}
                />
                <NumberInput
                  label="Max line size"
                  size="xs"
                  w={170}
                  min={1}
                  max={MAX_LINE_SIZE_LIMIT}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  rightSection={
                    <Text size="xs" c="dimmed">
                      bytes
                    </Text>
                  }
                  rightSectionWidth={44}
                  value={overrides.maxLineSize ?? ''}
                  placeholder={(csv?.maxLineSize ?? DEFAULT_MAX_LINE_SIZE).toLocaleString('en-US')}
                  title="The longest line (row) to read; raise it for a file with very long values"
                  onChange={(value) => change({ maxLineSize: countOverride(value) || undefined })}
                  data-testid="import-option-max-line-size"
                />
                <Text size="xs" c="dimmed" mb={6} className={classes.advancedNote}>
                  Empty fields are detected. A sample applies to the import; the preview shows the first rows.
                </Text>
              </Group>
            </Collapse>
          )}

          {outcome?.error !== undefined && (
            <div data-testid="import-preview-error">
              <ErrorAlert
                error={outcome.error}
                title="The preview could not read the file with these settings"
              />
            </div>
          )}

          <div className={classes.previewBox} data-stale={outcome?.error !== undefined || undefined}>
            <LoadingOverlay visible={reading} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            {shown ? (
              <PreviewTable
                preview={shown}
                renderType={
                  typePickers
                    ? (column, align) => {
                        const detected = detectedTypes[column.name] ?? column.type;
                        const chosen = overrides.columnTypes?.[column.name];
                        return (
                          <ColumnTypeSelect
                            column={column.name}
                            detected={detected}
                            value={chosen ?? detected}
                            overridden={chosen !== undefined}
                            align={align}
                            onChange={(type) =>
                              setOverrides((current) => withColumnType(current, column.name, type, detected))
                            }
                          />
                        );
                      }
                    : undefined
                }
              />
            ) : null}
          </div>

          <Group justify="space-between" wrap="nowrap" align="flex-end" gap="md">
            <Stack gap={4} className={classes.footerText}>
              {props.upload && <UploadLine upload={props.upload} />}
              <Text size="xs" c="dimmed" data-testid="import-preview-caption">
                {previewCaption(outcome, props.upload !== undefined)}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={props.onCancel} data-testid="import-options-cancel">
                Cancel
              </Button>
              {/* Focused first, so Enter imports at once and never lands on the close button. */}
              <Button
                type="submit"
                data-autofocus
                data-testid="import-confirm"
                title={props.upload ? 'The import starts as soon as the whole file has arrived' : undefined}
              >
                {props.upload ? 'Import when uploaded' : 'Import'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UploadLine({ upload }: { upload: UploadProgress }) {
  const percent = upload.totalBytes > 0 ? (upload.sentBytes / upload.totalBytes) * 100 : 0;
  return (
    <Group gap="xs" wrap="nowrap" data-testid="import-upload">
      <Progress
        value={percent}
        size="sm"
        w={160}
        aria-label="Upload progress"
        data-testid="import-upload-progress"
        data-sent={upload.sentBytes}
        data-total={upload.totalBytes}
      />
      <Text size="xs" c="dimmed" className="mlw-num">
        Uploading {formatBytes(upload.sentBytes)} of {formatBytes(upload.totalBytes)} ·{' '}
        {formatPercent(percent)}
      </Text>
    </Group>
  );
}

function previewCaption(outcome: PreviewOutcome | undefined, uploading: boolean): string {
  if (!outcome) return 'Reading the start of the file…';
  const { preview, error } = outcome;
  if (error !== undefined) {
    return preview
      ? 'Below: the last preview that worked. Change a setting and the preview reads the file again.'
      : 'Change a setting above and the preview reads the file again.';
  }
  if (!preview) return 'Reading the start of the file…';
  const size = `First ${preview.rows.length} rows × ${preview.columns.length} columns, as the import will read them`;
  return uploading
    ? `${size}, from the start of the file while the rest uploads.`
    : `${size}. The whole file is converted to Parquet; the original stays untouched.`;
}
