import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { asDiskFull } from './diskFull.js';
import type { Workspace } from './workspace.js';

/** A file the services may read: a path the caller was allowed to name, or a received upload. */
export interface TrustedSource {
  readonly path: string;
  /** How the source is shown and recorded: the user's own path, or the uploaded file's name. */
  readonly label: string;
  /** True for an upload: the workbench's own copy, removed once it has been imported. */
  readonly temporary: boolean;
  /**
   * True for the first bytes of a file that is still uploading, sent ahead so the import dialog can
   * preview it at once. Its last line may be cut; it can be previewed but never imported.
   */
  readonly headOnly?: boolean;
}

export interface UploadStore {
  receive(
    body: Readable,
    fileName: string,
    options?: { maxBytes?: number; headOnly?: boolean },
  ): Promise<{ uploadId: string; sizeBytes: number }>;
  open(uploadId: string): Promise<TrustedSource>;
  remove(uploadId: string): Promise<void>;
}

const SAFE_NAME = /[^A-Za-z0-9._ ()-]+/g;
/** Marks an upload folder as holding a head sample; a received file's name never starts with a dot. */
const HEAD_MARKER = '.head-only';

export function createUploadStore(workspace: Workspace): UploadStore {
  const folderOf = (uploadId: string): string => {
    if (!/^[a-f0-9-]{36}$/.test(uploadId)) {
      throw new WorkbenchError({ code: 'INVALID_INPUT', message: `"${uploadId}" is not an upload id.` });
    }
    return workspace.scratch('uploads', uploadId);
  };
  return {
    async receive(body, fileName, options = {}) {
      const uploadId = randomUUID();
      const folder = folderOf(uploadId);
      await mkdir(folder, { recursive: true });
      // Marked before the body arrives, so even a half-received head is never taken for a whole file.
      if (options.headOnly) await writeFile(join(folder, HEAD_MARKER), '');
      const safeName = fileName.replace(SAFE_NAME, '_').replace(/^\.+/, '').slice(0, 200) || 'upload';
      let sizeBytes = 0;
      const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
      try {
        await pipeline(
          body,
          async function* count(source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              sizeBytes += chunk.length;
              if (sizeBytes > limit) {
                throw new WorkbenchError({
                  code: 'INVALID_INPUT',
                  message: `${fileName} is larger than the ${limit} bytes this upload allows.`,
                  hint: 'Run the workbench on the machine that has the file, or use `mlw data import`.',
                });
              }
              yield chunk;
            }
          },
          createWriteStream(join(folder, safeName)),
        );
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        throw await asDiskFull(error, join(folder, safeName));
      }
      return { uploadId, sizeBytes };
    },
    async open(uploadId) {
      const folder = folderOf(uploadId);
      const entries = await readdir(folder).catch((): string[] => []);
      const name = entries.find((entry) => !entry.startsWith('.'));
      if (!name) {
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: 'That upload is gone (it was imported already, or the app restarted).',
          hint: 'Choose the file again.',
        });
      }
      return {
        path: join(folder, name),
        label: name,
        temporary: true,
        ...(entries.includes(HEAD_MARKER) ? { headOnly: true } : {}),
      };
    },
    remove: (uploadId) => rm(folderOf(uploadId), { recursive: true, force: true }),
  };
}
