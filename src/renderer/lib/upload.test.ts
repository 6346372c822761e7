import { describe, expect, it, vi } from 'vitest';
import { WorkbenchError, cancelledError, type ImportSource } from '../../shared/contract/index.js';
import { HEAD_BYTES, HEAD_FIRST_ABOVE_BYTES, createUploader, type PutOptions } from './upload.js';

const HEAD: ImportSource = { kind: 'upload', uploadId: 'h'.repeat(36) };
const WHOLE: ImportSource = { kind: 'upload', uploadId: 'w'.repeat(36) };

function fileOf(name: string, size: number): File {
  return new File([new Uint8Array(size)], name);
}

/** A fake endpoint that records each PUT and answers heads and whole files apart. */
function fakePut(failHead?: Error) {
  const calls: { size: number; fileName: string; options: PutOptions }[] = [];
  const put = vi.fn((body: Blob, fileName: string, options: PutOptions) => {
    calls.push({ size: body.size, fileName, options });
    if (options.head && failHead) return Promise.reject(failHead);
    return Promise.resolve(options.head ? HEAD : WHOLE);
  });
  return { put, calls };
}

describe('createUploader', () => {
  it('sends a small file whole, once', async () => {
    const { put, calls } = fakePut();
    const onPreviewSource = vi.fn();
    const source = await createUploader(put)(fileOf('small.csv', HEAD_FIRST_ABOVE_BYTES), {
      onPreviewSource,
    });
    expect(source).toEqual(WHOLE);
    expect(calls).toHaveLength(1);
    expect(onPreviewSource).not.toHaveBeenCalled();
  });

  it('sends the first MiB of a big text file ahead and hands it over before the whole file goes', async () => {
    const { put, calls } = fakePut();
    const order: string[] = [];
    const onProgress = vi.fn();
    const upload = createUploader((body, fileName, options) => {
      order.push(options.head ? 'put head' : 'put whole');
      return put(body, fileName, options);
    });
    const source = await upload(fileOf('orders.csv', HEAD_FIRST_ABOVE_BYTES + 1), {
      onProgress,
      onPreviewSource: (head) => order.push(`preview ${head.kind === 'upload' ? head.uploadId[0] : ''}`),
    });
    expect(source).toEqual(WHOLE);
    expect(order).toEqual(['put head', 'preview h', 'put whole']);
    expect(calls.map(({ size, fileName, options }) => [size, fileName, options.head ?? false])).toEqual([
      [HEAD_BYTES, 'orders.csv', true],
      [HEAD_FIRST_ABOVE_BYTES + 1, 'orders.csv', false],
    ]);
    // Progress is the whole file's: the head is too small to be worth a bar.
    expect(calls[0]?.options.onProgress).toBeUndefined();
    expect(calls[1]?.options.onProgress).toBe(onProgress);
  });

  it('sends a Parquet file, or any file when nobody previews early, whole', async () => {
    const { put, calls } = fakePut();
    await createUploader(put)(fileOf('scores.parquet', HEAD_FIRST_ABOVE_BYTES * 2), {
      onPreviewSource: vi.fn(),
    });
    await createUploader(put)(fileOf('orders.csv', HEAD_FIRST_ABOVE_BYTES * 2));
    expect(calls.map((call) => call.options.head ?? false)).toEqual([false, false]);
  });

  it('still sends the whole file when the head fails, so only the early preview is lost', async () => {
    const { put, calls } = fakePut(new WorkbenchError({ code: 'INTERNAL', message: 'old host' }));
    const onPreviewSource = vi.fn();
    const source = await createUploader(put)(fileOf('orders.tsv', HEAD_FIRST_ABOVE_BYTES * 2), {
      onPreviewSource,
    });
    expect(source).toEqual(WHOLE);
    expect(onPreviewSource).not.toHaveBeenCalled();
    expect(calls).toHaveLength(2);
  });

  it('stops at a cancelled head without sending the whole file', async () => {
    const { put, calls } = fakePut(cancelledError('The upload'));
    await expect(
      createUploader(put)(fileOf('orders.csv', HEAD_FIRST_ABOVE_BYTES * 2), { onPreviewSource: vi.fn() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls).toHaveLength(1);
  });
});
