import { constants, existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import dockerignore from '@balena/dockerignore';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { BuildContextEntry } from '../buildContext.js';

/** Where the pieces of a serving image come from on this machine. */
export interface ServingRuntime {
  /** The bundled model server: server.mjs and package.json (out/serving). */
  serverBundle: string;
  /** The onnxruntime-node package folder, and the onnxruntime-common it requires. */
  onnxruntimeNode: string;
  onnxruntimeCommon: string;
}

export interface ServingContextPlan {
  contextDir: string;
  dockerfile: string;
  runtime: ServingRuntime;
  /** The .onnx file, the external data files it names (by their relative names), and its card. */
  model: { path: string; fileName: string; externalData: string[]; cardPath: string };
}

/**
 * Where this install's onnxruntime-node and the onnxruntime-common it requires are (the latter's
 * package exports hide its package.json from require.resolve, so its folder is found on the path).
 */
export function onnxRuntimePackages(): Pick<ServingRuntime, 'onnxruntimeNode' | 'onnxruntimeCommon'> {
  const require = createRequire(import.meta.url);
  const onnxruntimeNode = dirname(require.resolve('onnxruntime-node/package.json'));
  const searched =
    createRequire(join(onnxruntimeNode, 'package.json')).resolve.paths('onnxruntime-common') ?? [];
  const onnxruntimeCommon = searched
    .map((folder) => join(folder, 'onnxruntime-common'))
    .find((folder) => existsSync(join(folder, 'package.json')));
  if (!onnxruntimeCommon)
    throw new WorkbenchError({
      code: 'NOT_FOUND',
      message: `onnxruntime-common, which onnxruntime-node needs, is not installed beside ${onnxruntimeNode}.`,
      hint: 'Reinstall the workbench packages (npm install).',
    });
  return { onnxruntimeNode, onnxruntimeCommon };
}

/** Editor litter and logs never go to the engine; the rest of the context is what the Dockerfile uses. */
const DOCKERIGNORE = [
  '# Files the engine is not sent.',
  '**/.DS_Store',
  '**/*.swp',
  '**/*~',
  '*.log',
  '',
].join('\n');

/** The bundle, and the licences of the code it inlines, which ship with the image. */
const SERVER_FILES = ['server.mjs', 'package.json', 'THIRD_PARTY_LICENSES.txt'];

/**
 * Only the linux-x64 binaries of ONNX Runtime go into the image: the npm package holds every
 * platform's (288 MB), linux-x64 is 45 MB of it.
 */
const RUNTIME_PARTS = [
  {
    from: 'onnxruntimeNode',
    to: 'server/node_modules/onnxruntime-node',
    parts: ['package.json', 'dist', 'bin/napi-v6/linux/x64'],
  },
  {
    from: 'onnxruntimeCommon',
    to: 'server/node_modules/onnxruntime-common',
    parts: ['package.json', 'dist'],
  },
] as const;

const packageVersion = async (folder: string, what: string): Promise<string> => {
  try {
    const parsed = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch (error) {
    throw new WorkbenchError(
      {
        code: 'NOT_FOUND',
        message: `${what} is missing from ${folder}, so no serving image can be built.`,
        hint: 'Build the workbench first (npm run build makes out/serving), and install its packages (npm install).',
      },
      { cause: error },
    );
  }
};

/** The versions a build records: the model server's and ONNX Runtime's, from their packages. */
export async function runtimeVersions(
  runtime: ServingRuntime,
): Promise<{ server: string; onnxruntime: string }> {
  return {
    server: await packageVersion(runtime.serverBundle, 'The model server bundle'),
    onnxruntime: await packageVersion(runtime.onnxruntimeNode, 'onnxruntime-node'),
  };
}

/** Copies, cloning where the file system can (no extra space) and copying where it cannot. */
async function place(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target, constants.COPYFILE_FICLONE);
}

async function placeTree(source: string, target: string): Promise<void> {
  const facts = await lstat(source);
  if (facts.isDirectory()) {
    for (const name of await readdir(source)) await placeTree(join(source, name), join(target, name));
  } else if (facts.isFile()) {
    await place(source, target);
  }
}

/** Writes `context/`: the Dockerfile, .dockerignore, the server with ONNX Runtime, and the model. */
export async function writeServingContext(plan: ServingContextPlan): Promise<void> {
  const { contextDir, runtime, model } = plan;
  await mkdir(contextDir, { recursive: true });
  await writeFile(join(contextDir, 'Dockerfile'), plan.dockerfile);
  await writeFile(join(contextDir, '.dockerignore'), DOCKERIGNORE);
  for (const name of SERVER_FILES)
    await place(join(runtime.serverBundle, name), join(contextDir, 'server', name)).catch(
      (error: unknown) => {
        throw new WorkbenchError(
          {
            code: 'NOT_FOUND',
            message: `The model server bundle is missing ${join(runtime.serverBundle, name)}.`,
            hint: 'Build the workbench first (npm run build makes out/serving).',
          },
          { cause: error },
        );
      },
    );
  for (const { from, to, parts } of RUNTIME_PARTS)
    for (const part of parts) await placeTree(join(runtime[from], part), join(contextDir, to, part));
  await place(model.path, join(contextDir, 'model', model.fileName));
  for (const location of model.externalData)
    await place(join(dirname(model.path), location), join(contextDir, 'model', location));
  await place(model.cardPath, join(contextDir, 'model', 'card.json'));
}

/** The context folder's files as build entries, less what its .dockerignore excludes. */
export async function contextEntries(contextDir: string): Promise<BuildContextEntry[]> {
  const ignoreText = await readFile(join(contextDir, '.dockerignore'), 'utf8').catch(() => '');
  const ignored = dockerignore().add(ignoreText.split(/\r?\n/));
  const entries: BuildContextEntry[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const name of (await readdir(folder)).sort()) {
      const path = join(folder, name);
      const inContext = relative(contextDir, path).split(sep).join(posix.sep);
      const facts = await lstat(path);
      if (facts.isDirectory()) {
        await walk(path);
      } else if (facts.isFile() && !ignored.ignores(inContext)) {
        entries.push({ path: inContext, sourceFile: path, mode: facts.mode & 0o777 });
      }
    }
  };
  await walk(contextDir);
  return entries;
}
