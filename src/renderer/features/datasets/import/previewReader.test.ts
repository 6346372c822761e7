import { describe, expect, it, vi } from 'vitest';
import {
  WorkbenchError,
  type DatasetPreview,
  type ImportOptions,
  type ImportSource,
} from '../../../../shared/contract/index.js';
import { createPreviewReader, previewSettings } from './previewReader.js';

const SOURCE: ImportSource = { kind: 'upload', uploadId: 'a'.repeat(36) };

/**
 * Reads like DuckDB would read "id,zip\n1,02139": with a header the columns are id and zip,
 * without one column0 and column1; a type for a column that is not there is an error.
 */
function fakeHost() {
  const calls: (ImportOptions | undefined)[] = [];
  const call = vi.fn((input: { source: ImportSource; options?: ImportOptions }): Promise<DatasetPreview> => {
    calls.push(input.options);
    const header = input.options?.header ?? true;
    const names = header ? ['id', 'zip'] : ['column0', 'column1'];
    const types = input.options?.columnTypes ?? {};
    const missing = Object.keys(types).filter((name) => !names.includes(name));
    if (missing.length > 0) {
      return Promise.reject(
        new WorkbenchError({ code: 'DATASET_PARSE', message: `no column ${missing[0]}` }),
      );
    }
    if (input.options?.quote === ',') {
      return Promise.reject(new WorkbenchError({ code: 'DATASET_PARSE', message: 'QUOTE must not appear' }));
    }
    const detected = header ? ['BIGINT', 'BIGINT'] : ['VARCHAR', 'VARCHAR'];
    return Promise.resolve({
      fileName: 'zips.csv',
      format: 'csv',
      columns: names.map((name, i) => ({ name, type: types[name] ?? detected[i] ?? 'VARCHAR' })),
      rows: [],
    });
  });
  return { call, calls };
}

describe('createPreviewReader', () => {
  it('reads with the settings given, and records each column as detected', async () => {
    const { call, calls } = fakeHost();
    const outcome = await createPreviewReader(call).read(SOURCE, { delimiter: ',' });
    expect(calls).toEqual([{ delimiter: ',' }]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.detectedTypes).toEqual({ id: 'BIGINT', zip: 'BIGINT' });
  });

  it('keeps a column detected type known once the user overrides it', async () => {
    const { call } = fakeHost();
    const reader = createPreviewReader(call);
    await reader.read(SOURCE, {});
    const outcome = await reader.read(SOURCE, { columnTypes: { zip: 'VARCHAR' } });
    expect(outcome.preview?.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'zip', type: 'VARCHAR' },
    ]);
    expect(outcome.detectedTypes).toEqual({ id: 'BIGINT', zip: 'BIGINT' });
  });

  it('learns the columns of new settings first, and sends only the types whose columns exist there', async () => {
    const { call, calls } = fakeHost();
    const reader = createPreviewReader(call);
    await reader.read(SOURCE, {});
    const noHeader = await reader.read(SOURCE, { header: false, columnTypes: { zip: 'VARCHAR' } });
    expect(noHeader.error).toBeUndefined();
    expect(calls.slice(1)).toEqual([{ header: false }, { header: false }]);
    expect(reader.importOptions(SOURCE, { header: false, columnTypes: { zip: 'VARCHAR' } })).toEqual({
      header: false,
    });
    // Back to the header: the choice for zip applies again, without a second learning read.
    const back = await reader.read(SOURCE, { header: true, columnTypes: { zip: 'VARCHAR' } });
    expect(calls.at(-2)).toEqual({ header: true });
    expect(calls.at(-1)).toEqual({ header: true, columnTypes: { zip: 'VARCHAR' } });
    expect(back.preview?.columns[1]).toEqual({ name: 'zip', type: 'VARCHAR' });
  });

  it('answers a failed read with its error and the last preview that worked', async () => {
    const { call } = fakeHost();
    const reader = createPreviewReader(call);
    const good = await reader.read(SOURCE, {});
    const bad = await reader.read(SOURCE, { quote: ',' });
    expect(bad.error).toMatchObject({ message: 'QUOTE must not appear' });
    expect(bad.preview).toBe(good.preview);
  });

  it('never lets an older read that answers late stand in for a newer one', async () => {
    const answers: { resolve: (preview: DatasetPreview) => void; reject: (error: unknown) => void }[] = [];
    const reader = createPreviewReader(
      () => new Promise<DatasetPreview>((resolve, reject) => answers.push({ resolve, reject })),
    );
    const preview = (name: string): DatasetPreview => ({
      fileName: 'x.csv',
      format: 'csv',
      columns: [{ name, type: 'VARCHAR' }],
      rows: [],
    });
    const older = reader.read(SOURCE, { delimiter: ',' });
    const newer = reader.read(SOURCE, { delimiter: ';' });
    answers[1]?.resolve(preview('newer'));
    await newer;
    answers[0]?.resolve(preview('older'));
    await older;
    const failed = reader.read(SOURCE, { delimiter: '|' });
    answers[2]?.reject(new Error('bad'));
    // The fallback is the newer read, though the older one answered last.
    expect((await failed).preview?.columns[0]?.name).toBe('newer');
  });

  it('has nothing to fall back on when the first read fails', async () => {
    const reader = createPreviewReader(() => Promise.reject(new Error('x')));
    expect(await reader.read(SOURCE, {})).toMatchObject({ preview: undefined, error: { message: 'x' } });
  });

  it('imports with the chosen types of existing columns and the sample size', () => {
    const reader = createPreviewReader(fakeHost().call);
    // Before any preview answered, every choice goes: the import reports a wrong one.
    expect(reader.importOptions(SOURCE, { sampleRows: 10, columnTypes: { zip: 'VARCHAR' } })).toEqual({
      sampleRows: 10,
      columnTypes: { zip: 'VARCHAR' },
    });
  });

  it('leaves the sample size out of what a preview reads', () => {
    expect(previewSettings({ sampleRows: 5, quote: "'" })).toEqual({ quote: "'" });
  });

  it('passes an abort through instead of reporting it as a failed read', async () => {
    const abort = new AbortController();
    abort.abort(new Error('superseded'));
    const reader = createPreviewReader(() => Promise.reject(new Error('aborted call')));
    await expect(reader.read(SOURCE, {}, abort.signal)).rejects.toThrow('aborted call');
  });
});
