import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleCatalog, findSamplesDir, PACKAGED_SAMPLES_FOLDER } from './samples.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const devSamples = join(repo, 'resources', 'samples');

/** electron-builder's own rule for `filter`: `*` matches within one path segment. */
const matches = (pattern: string, file: string): boolean =>
  new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`).test(file);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-samples-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finding the bundled samples', () => {
  it('finds resources/samples from the source tree and from the built out/main', () => {
    expect(findSamplesDir({ resourcesPath: undefined })).toBe(devSamples);
    expect(findSamplesDir({ start: join(repo, 'out', 'main'), resourcesPath: undefined })).toBe(devSamples);
  });

  it('prefers process.resourcesPath/samples in a packaged app, and falls back when it is absent', async () => {
    // The layout electron-builder makes: <app>/resources/app.asar (the code) and, from
    // extraResources, <app>/resources/samples beside it.
    const resources = join(dir, 'MLOps Workbench', 'resources');
    const packaged = join(resources, PACKAGED_SAMPLES_FOLDER);
    await mkdir(packaged, { recursive: true });
    const catalog = JSON.parse(await readFile(join(devSamples, 'samples.json'), 'utf8')) as {
      samples: { id: string; fileName: string }[];
    };
    for (const file of ['samples.json', ...catalog.samples.map((s) => s.fileName)]) {
      await copyFile(join(devSamples, file), join(packaged, file));
    }
    const start = join(resources, 'app.asar', 'out', 'main');
    expect(findSamplesDir({ start, resourcesPath: resources })).toBe(packaged);
    const samples = createSampleCatalog(findSamplesDir({ start, resourcesPath: resources }));
    expect((await samples.list()).map((s) => s.id)).toEqual(catalog.samples.map((s) => s.id));
    expect((await samples.get('heights')).path).toBe(join(packaged, 'heights.csv'));

    // Electron in development: resourcesPath is Electron's own folder, without samples.
    const electronDist = join(dir, 'node_modules', 'electron', 'dist', 'resources');
    await mkdir(electronDist, { recursive: true });
    expect(findSamplesDir({ resourcesPath: electronDist })).toBe(devSamples);
    // Nowhere at all: no samples rather than a crash.
    expect(findSamplesDir({ start: join(dir, 'elsewhere'), resourcesPath: undefined })).toBeUndefined();
    expect(await createSampleCatalog(undefined).list()).toEqual([]);
  });

  it('is packaged by electron-builder.json to where the resolver looks, with every file it lists', async () => {
    const config = JSON.parse(await readFile(join(repo, 'electron-builder.json'), 'utf8')) as {
      extraResources?: { from: string; to: string; filter?: string[] }[];
    };
    const entry = config.extraResources?.find((e) => e.from === 'resources/samples');
    expect(entry?.to).toBe(PACKAGED_SAMPLES_FOLDER);
    const catalog = JSON.parse(await readFile(join(devSamples, 'samples.json'), 'utf8')) as {
      samples: { fileName: string }[];
    };
    const needed = ['samples.json', ...catalog.samples.map((s) => s.fileName)];
    const filter = entry?.filter ?? ['**/*'];
    for (const file of needed)
      expect(
        filter.some((p) => matches(p, file)),
        file,
      ).toBe(true);
    // The generator script stays out of the app.
    expect(filter.some((p) => matches(p, 'generate.mjs'))).toBe(false);
  });
});
