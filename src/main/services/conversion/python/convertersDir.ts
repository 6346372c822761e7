import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder an electron-builder `extraResources` entry would copy resources/converters to. */
export const PACKAGED_CONVERTERS_FOLDER = 'converters';
const MARKER = 'environment.py';

/**
 * Where the converter scripts are, found the way the bundled samples are (notebooks/samples.ts):
 * `<process.resourcesPath>/converters` in a packaged app (Python must read them as plain files,
 * never from inside app.asar), else the nearest `resources/converters` walking up from this module,
 * which serves tests from src/ and the built hosts from out/main/ alike.
 */
export function findConvertersDir(
  options: { start?: string; resourcesPath?: string | undefined } = {},
): string | undefined {
  const resourcesPath = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();
  if (resourcesPath) {
    const packaged = join(resourcesPath, PACKAGED_CONVERTERS_FOLDER);
    if (existsSync(join(packaged, MARKER))) return packaged;
  }
  for (let dir = options.start ?? dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'converters');
    if (existsSync(join(candidate, MARKER))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Electron sets `process.resourcesPath` in its main process; plain Node does not. */
function electronResourcesPath(): string | undefined {
  const value = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' ? value : undefined;
}
