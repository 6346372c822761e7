import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../../shared/contract/containerBuilds.js';
import type { RegistryCredentials } from '../../../shared/contract/containerShip.js';
import { createJobService } from '../jobs/index.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import type { ContainerService } from './containerService.js';
import type { Keychain } from './push/keychain.js';
import { createShipService, type ShipService } from './shipService.js';

// What the ship service does without an engine: which saved login a push would use, and exports.
let dir: string;
let workspace: Workspace;
let ship: ShipService;
const kept = new Map<string, RegistryCredentials>();
/** The keychain's contract in memory: this machine's OS keychain may have no backend. */
const keychain: Keychain = {
  get: (registry) => Promise.resolve(kept.get(registry)),
  set: (registry, credentials) => {
    kept.set(registry, credentials);
    return Promise.resolve({ stored: true });
  },
};

const id = 'churn-v3-20261207-101500';
const record: BuildRecord = {
  schemaVersion: 1,
  id,
  createdAt: '2026-12-07T10:15:00.000Z',
  model: { name: 'churn', version: 3, sha256: 'a'.repeat(64), fileName: 'model.onnx' },
  tag: 'mlw/churn:3',
  base: { image: 'node:22-bookworm-slim', digest: null },
  port: 8080,
  server: { version: '0.1.0' },
  workbench: { version: '0.1.0' },
  onnxruntime: { version: '1.30.0' },
  status: 'built',
  image: { id: `sha256:${'b'.repeat(64)}`, sizeBytes: 1000, layers: [] },
  startedAt: null,
  endedAt: null,
  error: null,
  verification: null,
  pushes: [
    {
      reference: '127.0.0.1:5000/mlw/churn:3',
      digest: `sha256:${'c'.repeat(64)}`,
      at: '2026-12-07T10:20:00.000Z',
    },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-ship-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  await mkdir(workspace.resolve('builds', id), { recursive: true });
  await writeFile(workspace.resolve('builds', id, 'build.json'), JSON.stringify(record));
  const auth = Buffer.from('shipper:s3cret').toString('base64');
  await mkdir(join(dir, 'docker'), { recursive: true });
  await writeFile(
    join(dir, 'docker', 'config.json'),
    JSON.stringify({ auths: { 'registry.example.com': { auth } } }),
  );
  ship = createShipService({
    workspace,
    jobs: createJobService({ throttleMs: 10 }),
    // Neither question here reaches the engine.
    containers: {} as ContainerService,
    keychain,
    dockerConfig: join(dir, 'docker', 'config.json'),
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('savedLogin', () => {
  it('names where a login was found and its user, never its password', async () => {
    const login = await ship.savedLogin('registry.example.com');
    expect(login).toEqual({ registry: 'registry.example.com', source: 'docker-config', username: 'shipper' });
    expect(JSON.stringify(login)).not.toContain('s3cret');
  });

  it('prefers the OS keychain, as a push does', async () => {
    kept.set('registry.example.com', { username: 'kept', password: 'other' });
    expect(await ship.savedLogin('registry.example.com')).toMatchObject({
      source: 'keychain',
      username: 'kept',
    });
    kept.clear();
  });

  it('says none for a registry nothing has a login for', async () => {
    expect(await ship.savedLogin('ghcr.io')).toEqual({ registry: 'ghcr.io', source: 'none' });
  });
});

describe('export', () => {
  const file = () => workspace.resolve('builds', id, 'export', 'kubernetes.yaml');

  it('previews without writing, then writes the same YAML', async () => {
    const preview = await ship.export('kubernetes', id, { replicas: 2 }, false);
    expect(preview).toMatchObject({ path: join('builds', id, 'export', 'kubernetes.yaml'), written: false });
    expect(preview.yaml).toContain(`image: 127.0.0.1:5000/mlw/churn:3@sha256:${'c'.repeat(64)}`);
    expect(existsSync(file())).toBe(false);

    const written = await ship.export('kubernetes', id, { replicas: 2 });
    expect(written).toEqual({ ...preview, written: true });
    expect(await readFile(file(), 'utf8')).toBe(preview.yaml);
  });

  it('names the setting the exporter refuses', async () => {
    await expect(
      ship.export('kserve', id, { resources: { cpu: 'lots', memory: '1Gi' } }, false),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { path: 'resources.cpu' },
    });
  });
});
