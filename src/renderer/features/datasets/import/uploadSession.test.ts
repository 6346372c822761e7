import { describe, expect, it, vi } from 'vitest';
import { cancelledError, type ImportSource } from '../../../../shared/contract/index.js';
import type { PrepareImportOptions } from '../../../lib/transport.js';
import { startUploadSession } from './uploadSession.js';

const upload = (id: string): ImportSource => ({ kind: 'upload', uploadId: id.repeat(36) });
const HEAD = upload('h');
const WHOLE = upload('w');

/**
 * A prepareImport the test drives by hand: it sends the head, then answers the whole file. An abort
 * rejects it, unless `lateAnswer` plays a request whose answer was already on its way.
 */
function manualPrepare(lateAnswer = false) {
  let options: PrepareImportOptions = {};
  let finish: (source: ImportSource) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const prepare = vi.fn(
    (_file: File, given: PrepareImportOptions) =>
      new Promise<ImportSource>((resolve, reject) => {
        options = given;
        finish = resolve;
        fail = reject;
        if (!lateAnswer) given.signal?.addEventListener('abort', () => reject(cancelledError('The upload')));
      }),
  );
  return {
    prepare,
    sendHead: (source = HEAD) => options.onPreviewSource?.(source),
    progress: (sentBytes: number) => options.onProgress?.({ sentBytes, totalBytes: 100 }),
    finish: (source = WHOLE) => finish(source),
    fail: (error: unknown) => fail(error),
    aborted: () => options.signal?.aborted ?? false,
  };
}

function setup(lateAnswer = false) {
  const host = manualPrepare(lateAnswer);
  const discarded: string[] = [];
  const onPreviewable = vi.fn();
  const onProgress = vi.fn();
  const session = startUploadSession(new File(['x'], 'big.csv'), {
    prepare: host.prepare,
    discardUpload: (id) => discarded.push(id[0] ?? ''),
    onPreviewable,
    onProgress,
  });
  const outcome = session.done.then(
    (source) => ({ source }),
    (error: unknown) => ({ error }),
  );
  return { host, session, discarded, onPreviewable, onProgress, outcome };
}

describe('startUploadSession', () => {
  it('hands over the head for the preview, then the whole file', async () => {
    const { host, onPreviewable, onProgress, outcome, discarded } = setup();
    host.sendHead();
    expect(onPreviewable).toHaveBeenCalledWith(HEAD);
    host.progress(40);
    expect(onProgress).toHaveBeenCalledWith({ sentBytes: 40, totalBytes: 100 });
    host.finish();
    expect(await outcome).toEqual({ source: WHOLE });
    expect(discarded).toEqual([]);
  });

  it('discards the head and aborts the whole file when the dialog is cancelled mid-upload', async () => {
    const { host, session, discarded, outcome, onProgress } = setup();
    host.sendHead();
    session.discard();
    expect(host.aborted()).toBe(true);
    expect(discarded).toEqual(['h']);
    expect(await outcome).toMatchObject({ error: { code: 'CANCELLED' } });
    host.progress(99);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('discards both uploads when cancelled after the whole file arrived', async () => {
    const { host, session, discarded, outcome } = setup();
    host.sendHead();
    host.finish();
    await outcome;
    session.discard();
    expect(discarded.sort()).toEqual(['h', 'w']);
  });

  it('discards a whole file whose answer arrives after the cancel', async () => {
    const { host, session, discarded, outcome } = setup(true);
    session.discard();
    host.finish();
    expect(await outcome).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(discarded).toEqual(['w']);
  });

  it('discards a head that arrives after the cancel, without offering it to the preview', () => {
    const { host, session, discarded, onPreviewable } = setup();
    session.discard();
    host.sendHead();
    expect(onPreviewable).not.toHaveBeenCalled();
    expect(discarded).toEqual(['h']);
  });

  it('releases only the head once an import takes the whole file', async () => {
    const { host, session, discarded, outcome } = setup();
    host.sendHead();
    host.finish();
    await outcome;
    session.releaseHead();
    session.releaseHead();
    expect(discarded).toEqual(['h']);
  });

  it('leaves a path (Electron) alone: there is no upload to discard', async () => {
    const { host, session, discarded, outcome } = setup();
    host.finish({ kind: 'path', path: '/home/me/big.csv' });
    await outcome;
    session.discard();
    expect(discarded).toEqual([]);
  });

  it('passes an upload failure through', async () => {
    const { host, outcome } = setup();
    host.fail(new Error('disk full'));
    expect(await outcome).toMatchObject({ error: { message: 'disk full' } });
  });
});
