import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { WorkbenchError } from '../../../shared/contract/errors.js';

/** One file of a build context: inline content (a Dockerfile, a config) or a file on disk (a model). */
export type BuildContextEntry =
  | { path: string; content: string | Uint8Array; mode?: number }
  | { path: string; sourceFile: string; mode?: number };

/**
 * Every entry gets the same timestamp so that the same files make the same tar: the engine's layer
 * cache then reuses COPY steps across builds.
 */
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * Packs entries into a tar stream for the engine. Paths are checked and source files stat'ed before
 * anything is returned, so a bad entry fails here as INVALID_INPUT/NOT_FOUND rather than as a broken
 * upload halfway through a build. Source files are streamed, never read whole into memory.
 */
export async function packBuildContext(entries: readonly BuildContextEntry[]): Promise<Readable> {
  const planned: { name: string; mode: number; entry: BuildContextEntry; size: number }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const name = contextPath(entry.path);
    if (seen.has(name)) throw invalid(`The build context names ${name} twice.`);
    seen.add(name);
    const size = 'sourceFile' in entry ? await sourceSize(entry.sourceFile) : 0;
    planned.push({ name, mode: entry.mode ?? 0o644, entry, size });
  }

  const pack = tarStream.pack();
  const write = async (): Promise<void> => {
    for (const { name, mode, entry, size } of planned) {
      if ('content' in entry) {
        await new Promise<void>((resolve, reject) => {
          pack.entry({ name, mode, mtime: FIXED_MTIME }, Buffer.from(entry.content), (error) =>
            error ? reject(error) : resolve(),
          );
        });
      } else {
        await pipeline(
          createReadStream(entry.sourceFile),
          pack.entry({ name, mode, size, mtime: FIXED_MTIME }),
        );
      }
    }
    pack.finalize();
  };
  void write().catch((error: unknown) =>
    pack.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  // tar-stream's pack is a streamx stream, not a Node one; dockerode and callers expect Node's.
  return Readable.from(pack);
}

function contextPath(raw: string): string {
  const name = posix.normalize(raw.replaceAll('\\', '/'));
  if (!raw.trim() || name.startsWith('/') || name === '.' || name === '..' || name.startsWith('../')) {
    throw invalid(
      `A build context path must be relative and stay inside the context: ${JSON.stringify(raw)}.`,
    );
  }
  return name;
}

async function sourceSize(path: string): Promise<number> {
  try {
    const facts = await stat(path);
    if (!facts.isFile()) throw invalid(`${path} is not a file, so it cannot go into a build context.`);
    return facts.size;
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError(
      { code: 'NOT_FOUND', message: `${path} cannot be read for the build context.`, details: { path } },
      { cause: error },
    );
  }
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'INVALID_INPUT', message });
}
