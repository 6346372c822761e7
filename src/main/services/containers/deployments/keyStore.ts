import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * API keys of running deployments: in this process's memory and in a file the container mounts
 * read-only, in a private folder outside the workspace (which users commit and share), so a key is
 * never in the workspace, a log, `docker inspect` or the image.
 */
export interface KeyStore {
  /** Keeps a key and writes its file, owned by `owner` when given; returns the file's path. */
  put(name: string, key: string, owner: { uid: number; gid: number } | null): Promise<string>;
  get(name: string): Promise<string | undefined>;
  delete(name: string): Promise<void>;
}

export function createKeyStore(
  folder = join(process.env.XDG_RUNTIME_DIR ?? tmpdir(), `mlw-keys-${process.getuid?.() ?? 'user'}`),
): KeyStore {
  const keys = new Map<string, string>();
  const fileOf = (name: string): string => join(folder, name);
  return {
    async put(name, key, owner) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const file = fileOf(name);
      await writeFile(file, key, { mode: 0o400 });
      if (owner) await chown(file, owner.uid, owner.gid);
      keys.set(name, key);
      return file;
    },
    // A deployment the CLI started outlives that process: its key is still in the file.
    get: async (name) => keys.get(name) ?? (await readFile(fileOf(name), 'utf8').catch(() => undefined)),
    async delete(name) {
      keys.delete(name);
      await rm(fileOf(name), { force: true });
    },
  };
}
