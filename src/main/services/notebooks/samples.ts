import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { cellLanguageSchema, type Sample } from '../../../shared/contract/notebooks.js';

const catalogSchema = z.object({
  samples: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+$/),
      title: z.string(),
      description: z.string(),
      fileName: z.string(),
      rows: z.number().int(),
      notebook: z.string(),
      cells: z.array(
        z.object({
          type: z.enum(['markdown', 'code']),
          language: cellLanguageSchema.optional(),
          source: z.string(),
        }),
      ),
    }),
  ),
});
export type SampleEntry = z.infer<typeof catalogSchema>['samples'][number];

export interface SampleCatalog {
  list(): Promise<Sample[]>;
  get(id: string): Promise<SampleEntry & { path: string }>;
}

/** The folder electron-builder's `extraResources` copies resources/samples to (electron-builder.json). */
export const PACKAGED_SAMPLES_FOLDER = 'samples';

/**
 * Where the bundled samples are:
 * - packaged Electron: `<process.resourcesPath>/samples`, copied there by electron-builder's
 *   `extraResources` (outside app.asar, so DuckDB can read the files by path);
 * - otherwise (tests from src/, the built hosts from out/main/, Electron in development) by
 *   walking up from this module to `resources/samples`; the same code runs at different depths.
 */
export function findSamplesDir(
  options: { start?: string; resourcesPath?: string | undefined } = {},
): string | undefined {
  const resourcesPath = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();
  if (resourcesPath) {
    const packaged = join(resourcesPath, PACKAGED_SAMPLES_FOLDER);
    if (existsSync(join(packaged, 'samples.json'))) return packaged;
  }
  for (let dir = options.start ?? dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'samples');
    if (existsSync(join(candidate, 'samples.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Electron sets `process.resourcesPath` in its main process; plain Node does not. */
function electronResourcesPath(): string | undefined {
  const value = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' ? value : undefined;
}

export function createSampleCatalog(dir: string | undefined): SampleCatalog {
  const load = async (): Promise<SampleEntry[]> => {
    if (!dir) return [];
    const json: unknown = JSON.parse(await readFile(join(dir, 'samples.json'), 'utf8'));
    return catalogSchema.parse(json).samples;
  };
  return {
    async list() {
      return (await load()).map(({ id, title, description, fileName, rows, notebook }) => ({
        id,
        title,
        description,
        fileName,
        rows,
        notebook,
      }));
    },
    async get(id) {
      const entry = (await load()).find((sample) => sample.id === id);
      if (!entry || !dir) {
        throw new WorkbenchError({ code: 'NOT_FOUND', message: `There is no sample data set "${id}".` });
      }
      return { ...entry, path: join(dir, entry.fileName) };
    },
  };
}
