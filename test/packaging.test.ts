import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// No Electron binary can be installed on our machines, so electron-builder packages a stand-in
// distribution whose "binary" carries the fuse wire a real Electron has (the sentinel, version 1,
// eight fuses with Electron's defaults). electron-builder flips the fuses with @electron/fuses exactly
// as it does on the real binary, and this test reads them back from the bytes.

const root = join(import.meta.dirname, '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
// What an unmodified Electron ships with: run-as-node, NODE_OPTIONS, --inspect and file: privileges on.
const ELECTRON_DEFAULTS = '10110001';

let dir: string;
let packaged: string;
let build: { code: number | null; output: string };

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, CI: 'true' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function fuseWire(binary: string): Promise<Record<string, string>> {
  const bytes = await readFile(binary);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1] ?? 0;
  const wire = bytes.subarray(at + 2, at + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1' ? 'on' : 'off']));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-packaging-'));
  const dist = join(dir, 'electron-dist');
  await mkdir(dist, { recursive: true });
  const filler = Buffer.alloc(4096);
  await writeFile(
    join(dist, 'electron'),
    Buffer.concat([
      filler,
      Buffer.from(SENTINEL),
      Buffer.from([1, FUSES.length]),
      Buffer.from(ELECTRON_DEFAULTS),
      filler,
    ]),
  );
  await chmod(join(dist, 'electron'), 0o755);
  await writeFile(join(dist, 'LICENSE'), 'stand-in');

  // A tiny app with the project's own packaging config, so packing takes seconds, not the 200 MB of
  // production dependencies.
  const app = join(dir, 'app');
  await mkdir(join(app, 'out', 'main'), { recursive: true });
  await writeFile(join(app, 'out', 'main', 'index.js'), 'export {};\n');
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: manifest.name,
      version: manifest.version,
      description: manifest.description,
      author: 'test',
      main: manifest.main,
    }),
  );
  await copyFile(join(root, 'electron-builder.json'), join(app, 'electron-builder.json'));
  const { version: electronVersion } = JSON.parse(
    await readFile(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };

  const output = join(dir, 'dist');
  build = await run(join(root, 'node_modules', '.bin', 'electron-builder'), [
    '--linux',
    'dir',
    '--projectDir',
    app,
    `-c.electronDist=${dist}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${output}`,
    '-c.extraResources=[]',
  ]);
  packaged = join(output, 'linux-unpacked');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the packaged app (electron-builder with electron-builder.json)', () => {
  it('packages', () => {
    expect(build.code, build.output).toBe(0);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; app only from an integrity-checked asar', async () => {
    expect(await fuseWire(join(packaged, 'mlops-workbench'))).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      // Left as Electron ships it.
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      // The page is served from app://, so file: needs no privileges.
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('puts the app in app.asar and nowhere else the fuse would let Electron look', async () => {
    const resources = await readdir(join(packaged, 'resources'));
    expect(resources).toContain('app.asar');
    expect(resources).not.toContain('app');
  });
});
