import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { parseModelRef } from '../../shared/models/modelRef.js';
import { createUploadStore, openWorkspace, type Workspace } from '../services/workspace/index.js';
import { cliCaller, windowCaller } from './callers.js';
import { resolveModelRef } from './modelRefs.js';

let dir: string;
let workspace: Workspace;
const registry = {
  resolve: (name: string, version?: number) =>
    Promise.resolve({
      path: join(workspace.root, 'models', name, String(version ?? 7), 'm.onnx'),
      card: { name, version: version ?? 7 },
    }),
} as unknown as Parameters<typeof resolveModelRef>[2];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-refs-'));
  workspace = await openWorkspace(join(dir, 'ws'));
  await mkdir(join(workspace.root, 'models', 'a', '1'), { recursive: true });
  await writeFile(join(workspace.root, 'models', 'a', '1', 'a.onnx'), 'x');
  await writeFile(join(dir, 'x.onnx'), 'x');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resolving model references', () => {
  it('finds registry references through the registry, for every caller', async () => {
    const window = windowCaller('browser', workspace, createUploadStore(workspace));
    expect(await resolveModelRef(parseModelRef('churn@2'), window, registry)).toEqual({
      path: join(workspace.root, 'models', 'churn', '2', 'm.onnx'),
      label: 'churn@2',
      temporary: false,
    });
    expect((await resolveModelRef(parseModelRef('churn'), window, registry)).label).toBe('churn@7');
  });

  it('lets a window name workspace paths only', async () => {
    const window = windowCaller('browser', workspace, createUploadStore(workspace));
    expect((await resolveModelRef({ kind: 'path', path: 'models/a/1/a.onnx' }, window, registry)).path).toBe(
      join(workspace.root, 'models', 'a', '1', 'a.onnx'),
    );
    await expect(resolveModelRef(parseModelRef('../x.onnx'), window, registry)).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_WORKSPACE',
    });
    await expect(
      resolveModelRef({ kind: 'path', path: join(dir, 'x.onnx') }, window, registry),
    ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_WORKSPACE' });
  });

  it('lets the CLI name any path', async () => {
    const cli = cliCaller(createUploadStore(workspace), join(dir, 'ws'));
    expect((await resolveModelRef(parseModelRef('../x.onnx'), cli, registry)).path).toBe(join(dir, 'x.onnx'));
  });

  it('needs confirm: true to delete, in the contract itself', () => {
    const input = contract['models.delete'].input;
    expect(input.safeParse({ name: 'churn' }).success).toBe(false);
    expect(input.safeParse({ name: 'churn', confirm: false }).success).toBe(false);
    expect(input.safeParse({ name: 'churn', version: 2, confirm: true }).success).toBe(true);
    expect(
      contract['models.inspect'].input.safeParse({ model: { kind: 'registry', name: 'churn' } }).success,
    ).toBe(true);
    expect(
      contract['models.add'].input.safeParse({ source: { kind: 'path', path: 'a.onnx' }, name: 'A b' })
        .success,
    ).toBe(false);
  });
});
