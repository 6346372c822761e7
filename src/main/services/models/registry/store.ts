import { mkdir, readFile, readdir, rename, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import {
  modelCardSchema,
  modelNameSchema,
  type ModelCard,
} from '../../../../shared/contract/modelRegistry.js';
import type { Workspace } from '../../workspace/index.js';

/** One registered version on disk. */
export interface StoredVersion {
  card: ModelCard;
  /** The version's folder, absolute. */
  folder: string;
  /** The .onnx file, absolute. */
  path: string;
  /** The .onnx file relative to the workspace, with forward slashes. */
  relativePath: string;
}

const VERSION_DIR = /^[1-9]\d{0,6}$/;
export const TRASH = '.trash';

/** Reads and moves what lies under `models/`; every path is confined to the workspace. */
export function createRegistryStore(workspace: Workspace) {
  const root = workspace.folder('models');

  const versionFolders = async (name: string): Promise<number[]> => {
    const entries = await readdir(join(root, name), { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isDirectory() && VERSION_DIR.test(entry.name))
      .map((entry) => Number(entry.name))
      .sort((a, b) => a - b);
  };

  const readVersion = async (name: string, version: number): Promise<StoredVersion> => {
    const folder = workspace.resolve('models', name, String(version));
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(folder, 'card.json'), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(name, version);
      throw brokenCard(name, version, 'it is not valid JSON');
    }
    const parsed = modelCardSchema.safeParse(raw);
    if (!parsed.success)
      throw brokenCard(name, version, parsed.error.issues[0]?.message ?? 'unknown problem');
    const card = parsed.data;
    return {
      card,
      folder,
      path: join(folder, card.file.name),
      relativePath: `models/${name}/${version}/${card.file.name}`,
    };
  };

  return {
    root,
    /** Registered model names (folders with a valid name), sorted. */
    async names(): Promise<string[]> {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isDirectory() && modelNameSchema.safeParse(entry.name).success)
        .map((entry) => entry.name)
        .sort();
    },
    versionFolders,
    readVersion,
    /** Every readable version of a name; a broken card is skipped, so one odd file never hides the rest. */
    async versions(name: string): Promise<StoredVersion[]> {
      const found: StoredVersion[] = [];
      for (const version of await versionFolders(name)) {
        const stored = await readVersion(name, version).catch(() => undefined);
        if (stored) found.push(stored);
      }
      return found;
    },
    /** The highest version number ever given to a name, trashed ones included, so none is reused. */
    async highestVersion(name: string): Promise<number> {
      let highest = Math.max(0, ...(await versionFolders(name)));
      const trash = await readdir(join(root, TRASH)).catch((): string[] => []);
      for (const entry of trash) {
        const single = entry.startsWith(`${name}@`) ? /^@(\d+)\./.exec(entry.slice(name.length)) : null;
        if (single?.[1]) highest = Math.max(highest, Number(single[1]));
        if (entry.startsWith(`${name}.`) && /^\.\d{4}-/.test(entry.slice(name.length))) {
          const inside = await readdir(join(root, TRASH, entry)).catch((): string[] => []);
          for (const dir of inside) if (VERSION_DIR.test(dir)) highest = Math.max(highest, Number(dir));
        }
      }
      return highest;
    },
    /**
     * Moves one version (`<name>@<version>.<time>`) or a whole model (`<name>.<time>`) into
     * models/.trash/. Returns the trash entry relative to the workspace.
     */
    async trash(name: string, version: number | undefined): Promise<string> {
      const stamp = new Date().toISOString().replaceAll(':', '-');
      const entry = version === undefined ? `${name}.${stamp}` : `${name}@${version}.${stamp}`;
      await mkdir(join(root, TRASH), { recursive: true });
      const from = version === undefined ? join(root, name) : join(root, name, String(version));
      await rename(from, join(root, TRASH, entry));
      // The name's folder goes once its last version is gone; rmdir only ever removes an empty folder.
      if (version !== undefined) await rmdir(join(root, name)).catch(() => undefined);
      return `models/${TRASH}/${entry}`;
    },
  };
}
export type RegistryStore = ReturnType<typeof createRegistryStore>;

export function notFound(name: string, version?: number): WorkbenchError {
  return new WorkbenchError({
    code: 'NOT_FOUND',
    message:
      version === undefined
        ? `There is no model named "${name}" in the registry.`
        : `The model "${name}" has no version ${version}.`,
    hint: 'See the registered models and their versions with `mlw model list`.',
    details: { name, ...(version === undefined ? {} : { version }) },
  });
}

function brokenCard(name: string, version: number, reason: string): WorkbenchError {
  return new WorkbenchError({
    code: 'WORKSPACE_INVALID',
    message: `The card of ${name}@${version} (models/${name}/${version}/card.json) cannot be read: ${reason}.`,
    hint: 'The files were left as they are. Restore card.json from version control, or delete the version.',
  });
}
