import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { cellLanguageSchema, type Sample } from '../../../shared/contract/notebooks.js';
import { findResourceDir } from '../resources/index.js';

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

/** Where the bundled samples are: see findResourceDir (packaged, or resources/samples walking up). */
export function findSamplesDir(
  options: { start?: string; resourcesPath?: string | undefined } = {},
): string | undefined {
  return findResourceDir({ folder: PACKAGED_SAMPLES_FOLDER, marker: 'samples.json', ...options });
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
