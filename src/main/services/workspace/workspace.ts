import { randomUUID } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { writeFileAtomic, writeJsonAtomic } from './atomicWrite.js';
import { confinePath, isInside } from './confine.js';
import { diskFullError, isDiskFull } from './diskFull.js';
import { thisProcessOwner } from './processOwner.js';

export const WORKSPACE_SCHEMA_VERSION = 1;

const workspaceManifestSchema = z.object({
  schemaVersion: z.number().int(),
  /**
   * The workspace's identity, kept when its folder is moved or renamed: what the engine's
   * containers are labelled with to tell whose they are. Given at first open (older manifests too).
   */
  id: z.string().min(1).optional(),
  createdAt: z.string(),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type WorkspaceManifest = z.infer<typeof workspaceManifestSchema>;

/** The artifact folders of DESIGN.md's workspace layout. */
export const workspaceFolders = [
  'datasets',
  'notebooks',
  'models',
  'drift',
  'builds',
  'captures',
  'conversions',
] as const;
export type WorkspaceFolder = (typeof workspaceFolders)[number];

export interface Workspace {
  readonly root: string;
  readonly manifest: WorkspaceManifest & { id: string };
  /** An absolute path inside the workspace; throws PATH_OUTSIDE_WORKSPACE otherwise. */
  resolve(...segments: string[]): string;
  /** Like resolve, and also refuses a path whose symlinks lead outside. */
  resolveReal(candidate: string): Promise<string>;
  folder(name: WorkspaceFolder): string;
  /**
   * A private scratch folder for work in progress: `scratch(kind, ...)` is
   * `.scratch/<kind>/<this process's owner token>/...`, so a sweep at open removes what a dead
   * process left and never what a live one owns; `scratch()` is `.scratch` itself.
   */
  scratch(...segments: string[]): string;
  /** Writes a file atomically, its temp file in this process's scratch (never beside the target). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readJson<T>(path: string, schema: z.ZodType<T>): Promise<T>;
  writeJson(path: string, value: unknown): Promise<void>;
}

/** Opens a workspace folder, creating its layout and manifest on first use. */
export async function openWorkspace(root: string): Promise<Workspace> {
  let realRoot: string;
  let manifest: WorkspaceManifest & { id: string };
  try {
    await mkdir(root, { recursive: true });
    realRoot = await realpath(root);
    manifest = await readOrCreateManifest(join(realRoot, 'workbench.json'));
    await Promise.all(
      [...workspaceFolders, '.scratch'].map((name) => mkdir(join(realRoot, name), { recursive: true })),
    );
  } catch (error) {
    // A folder's own ENOSPC names no file: say which workspace could not be laid out.
    if (isDiskFull(error) && !(error instanceof WorkbenchError)) throw await diskFullError(root, error);
    throw error;
  }

  const resolvePath = (...segments: string[]): string => confinePath(realRoot, join(...segments));
  const writesDir = resolvePath('.scratch', 'writes', thisProcessOwner);

  return {
    root: realRoot,
    manifest,
    resolve: resolvePath,
    async resolveReal(candidate) {
      const target = resolvePath(candidate);
      const real = await realpath(target).catch(() => target);
      if (!isInside(realRoot, real)) {
        throw new WorkbenchError({
          code: 'PATH_OUTSIDE_WORKSPACE',
          message: `The path "${candidate}" leads outside the workspace through a link.`,
          hint: 'Import the file instead of linking it into the workspace.',
        });
      }
      return real;
    },
    folder: (name) => join(realRoot, name),
    scratch: (...segments) => {
      const [kind, ...rest] = segments;
      return kind === undefined
        ? resolvePath('.scratch')
        : resolvePath('.scratch', kind, thisProcessOwner, ...rest);
    },
    readJson: (path, schema) => readJsonFile(resolvePath(path), schema),
    writeFile: (path, data) => writeFileAtomic(resolvePath(path), data, { tempDir: writesDir }),
    writeJson: (path, value) => writeJsonAtomic(resolvePath(path), value, { tempDir: writesDir }),
  };
}

async function readOrCreateManifest(path: string): Promise<WorkspaceManifest & { id: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      settings: {},
    };
    await writeJsonAtomic(path, fresh);
    return fresh;
  }
  const manifest = parseJson(path, text, workspaceManifestSchema);
  if (manifest.schemaVersion > WORKSPACE_SCHEMA_VERSION) {
    throw new WorkbenchError({
      code: 'WORKSPACE_INVALID',
      message: `The workspace at ${path} was written by a newer workbench (schema ${manifest.schemaVersion}).`,
      hint: 'Update the workbench, or open another workspace folder.',
    });
  }
  if (manifest.id !== undefined) return { ...manifest, id: manifest.id };
  // A workspace made before ids: it gets one now, what it says beside kept as written.
  const given = randomUUID();
  const raw = JSON.parse(text) as Record<string, unknown>;
  await writeJsonAtomic(path, { schemaVersion: manifest.schemaVersion, id: given, ...raw });
  // Read back, so a process that gave one at the same moment as another uses the id that stayed.
  const written = parseJson(path, await readFile(path, 'utf8'), workspaceManifestSchema);
  return { ...written, id: written.id ?? given };
}

async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new WorkbenchError({ code: 'NOT_FOUND', message: `${path} does not exist.` });
    }
    throw error;
  }
  return parseJson(path, text, schema);
}

function parseJson<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new WorkbenchError({
      code: 'WORKSPACE_INVALID',
      message: `${path} is not valid JSON.`,
      hint: 'Restore it from version control or a backup; the workbench did not change it.',
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new WorkbenchError({
      code: 'WORKSPACE_INVALID',
      message: `${path} does not match the expected layout: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`,
      hint: 'Restore it from version control or a backup; the workbench did not change it.',
    });
  }
  return parsed.data;
}
