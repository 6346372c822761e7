import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ResourceDirOptions {
  /** The folder under resources/ (and under a packaged app's resources path). */
  folder: string;
  /** A file the folder must hold, so a folder of the same name elsewhere is not taken for it. */
  marker: string;
  /** Where the walk up starts; this module's folder by default. */
  start?: string;
  /** A packaged app's resources path; Electron's own by default. */
  resourcesPath?: string | undefined;
}

/**
 * Where a folder of resources/ is:
 * - packaged Electron: `<process.resourcesPath>/<folder>`, copied there by electron-builder's
 *   `extraResources` (outside app.asar, so DuckDB and Python can read the files by path);
 * - otherwise (tests from src/, the built hosts from out/main/, Electron in development) by
 *   walking up from this module to `resources/<folder>`; the same code runs at different depths.
 */
export function findResourceDir(options: ResourceDirOptions): string | undefined {
  const { folder, marker } = options;
  const resourcesPath = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();
  if (resourcesPath) {
    const packaged = join(resourcesPath, folder);
    if (existsSync(join(packaged, marker))) return packaged;
  }
  for (let dir = options.start ?? dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', folder);
    if (existsSync(join(candidate, marker))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Electron sets `process.resourcesPath` in its main process; plain Node does not. */
function electronResourcesPath(): string | undefined {
  const value = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' ? value : undefined;
}
