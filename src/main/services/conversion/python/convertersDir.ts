import { findResourceDir } from '../../resources/index.js';

/** The folder an electron-builder `extraResources` entry copies resources/converters to. */
export const PACKAGED_CONVERTERS_FOLDER = 'converters';

/**
 * Where the converter scripts are: `<process.resourcesPath>/converters` in a packaged app (Python
 * must read them as plain files, never from inside app.asar), else the nearest
 * `resources/converters` walking up (see findResourceDir).
 */
export function findConvertersDir(
  options: { start?: string; resourcesPath?: string | undefined } = {},
): string | undefined {
  return findResourceDir({ folder: PACKAGED_CONVERTERS_FOLDER, marker: 'environment.py', ...options });
}
