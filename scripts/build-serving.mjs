#!/usr/bin/env node
// Bundles the model server (resources/serving) into out/serving/server.mjs for container images.
//
//   node scripts/build-serving.mjs
//
// prom-client and the shared code are inlined; onnxruntime-node stays external because it is a native
// addon: an image copies its linux-x64 package (and onnxruntime-common, which it requires) beside the
// bundle in node_modules/. out/serving/package.json says it is an ES module and which
// onnxruntime-node it expects, so `npm install` in the image's folder would fetch the same one;
// out/serving/THIRD_PARTY_LICENSES.txt holds the licences of the packages inlined.
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'out', 'serving');
const serverPackage = JSON.parse(await readFile(join(ROOT, 'resources', 'serving', 'package.json'), 'utf8'));
const rootPackage = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));

// The bundle is made from the root node_modules, so the versions must be the ones the server declares.
for (const [name, version] of Object.entries(serverPackage.dependencies)) {
  if (rootPackage.dependencies[name] !== version) {
    console.error(
      `resources/serving/package.json wants ${name} ${version}, but the root package.json has ${rootPackage.dependencies[name] ?? 'none'}; make them equal.`,
    );
    process.exit(1);
  }
}

await mkdir(OUT, { recursive: true });
await build({
  input: join(ROOT, 'resources', 'serving', 'src', 'main.ts'),
  platform: 'node',
  external: [/^onnxruntime-node(\/.*)?$/, /^node:/],
  logLevel: 'warn',
  output: {
    file: join(OUT, 'server.mjs'),
    format: 'esm',
    minify: false,
    banner:
      '// mlw-model-server: bundled by scripts/build-serving.mjs from resources/serving/src; do not edit.',
  },
});

const onnxruntime = serverPackage.dependencies['onnxruntime-node'];
await writeFile(
  join(OUT, 'package.json'),
  `${JSON.stringify(
    {
      name: serverPackage.name,
      version: serverPackage.version,
      private: true,
      type: 'module',
      main: 'server.mjs',
      dependencies: { 'onnxruntime-node': onnxruntime },
    },
    null,
    2,
  )}\n`,
);

// The bundle carries other projects' code, so the image carries their licences: every package whose
// modules rolldown marked in it (`// node_modules/<name>/…`).
const bundled = await readFile(join(OUT, 'server.mjs'), 'utf8');
const packages = [
  ...new Set([...bundled.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((match) => match[1])),
].sort();
const notices = [];
for (const name of packages) {
  const folder = join(ROOT, 'node_modules', name);
  const { version, license } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
  const files = (await readdir(folder)).filter((file) => /^(licen[cs]e|notice|copying)/i.test(file)).sort();
  if (files.length === 0) {
    console.error(`${name} has no licence file to ship with the bundle.`);
    process.exit(1);
  }
  const texts = await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8')));
  notices.push(`${name} ${version} (${license})\n\n${texts.join('\n').trim()}\n`);
}
await writeFile(
  join(OUT, 'THIRD_PARTY_LICENSES.txt'),
  `Packages bundled into server.mjs, with their licences.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);

const { size } = await stat(join(OUT, 'server.mjs'));
console.log(
  `out/serving/server.mjs: ${(size / 1024).toFixed(0)} KiB (bundled: ${packages.join(', ')}; onnxruntime-node ${onnxruntime} external)`,
);
