import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, largeModelSpec } from '../services/models/onnx/testModels.js';
import { builtCliSkipReason, childrenOf, isAlive, spawnMlw, waitFor } from './testing/spawnMlw.js';

const skipReason = builtCliSkipReason() ?? (process.platform === 'linux' ? undefined : 'reads /proc');
let dir: string;
let bigCsv: string;
let bigModel: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-signals-'));
  if (skipReason) return;
  // Big enough that importing it takes seconds here: the signal lands mid-import.
  bigCsv = join(dir, 'big.csv');
  const out = createWriteStream(bigCsv);
  out.write('id,value,label,note\n');
  for (let chunk = 0; chunk < 60; chunk += 1) {
    const rows: string[] = [];
    for (let i = 0; i < 50_000; i += 1) {
      const n = chunk * 50_000 + i;
      rows.push(`${n},${(n * 0.37) % 1000},group${n % 13},"note ${n}"`);
    }
    if (!out.write(`${rows.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  bigModel = join(dir, 'big.onnx');
  await writeFile(bigModel, encodeModel(largeModelSpec(160)));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root` whose name ends in .tmp. */
function tempFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
}

/** Entries under `.scratch/<kind>/<owner>/`: what a run left there. */
async function scratchEntries(workspace: string, kind: string): Promise<string[]> {
  const parent = join(workspace, '.scratch', kind);
  const left: string[] = [];
  for (const owner of await readdir(parent).catch((): string[] => []))
    for (const entry of await readdir(join(parent, owner))) left.push(`${owner}/${entry}`);
  return left;
}

function exchangeFoldersOf(pid: number): string[] {
  return readdirSync('/dev/shm').filter(
    (name) => name.startsWith('mlw-models-') && name.split('-')[3] === String(pid),
  );
}

describe.skipIf(skipReason !== undefined)(
  `mlw stops cleanly on SIGTERM (${skipReason ?? 'built CLI'})`,
  () => {
    it('data import: exits 143, says so, and leaves no staging folder or temp file', async () => {
      const workspace = join(dir, 'ws-import');
      const run = spawnMlw(workspace, ['data', 'import', bigCsv]);
      await waitFor(
        'the import to stage',
        async () => (await scratchEntries(workspace, 'imports')).length > 0,
      );
      run.child.kill('SIGTERM');
      const { code, signal, stderr } = await run.exit;
      expect({ code, signal }).toEqual({ code: 143, signal: null });
      expect(stderr).toContain(
        'mlw: Stopped by SIGTERM: the running work was cancelled and its partial files removed.',
      );
      expect(await scratchEntries(workspace, 'imports')).toEqual([]);
      expect(await readdir(join(workspace, 'datasets'))).toEqual([]);
      expect(tempFiles(workspace)).toEqual([]);
    });

    it('model bench: exits 143 and leaves no model worker and no exchange folder', async () => {
      const workspace = join(dir, 'ws-bench');
      const run = spawnMlw(workspace, ['model', 'bench', bigModel, '--runs', '100000', '--warmup', '0']);
      const pid = run.child.pid ?? 0;
      let workers: number[] = [];
      await waitFor('the model worker', () => (workers = childrenOf(pid)).length > 0);
      await waitFor('the exchange folder', () => exchangeFoldersOf(pid).length > 0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      run.child.kill('SIGTERM');
      const { code, stderr } = await run.exit;
      expect(code).toBe(143);
      expect(stderr).toContain('mlw: Stopped by SIGTERM');
      for (const worker of workers) expect(isAlive(worker), `worker ${worker}`).toBe(false);
      expect(exchangeFoldersOf(pid)).toEqual([]);
      expect(tempFiles(workspace)).toEqual([]);
    });

    it('model add: exits 143 and leaves no staging copy, no version and no worker', async () => {
      const workspace = join(dir, 'ws-add');
      const run = spawnMlw(workspace, ['model', 'add', bigModel, '--name', 'big']);
      const pid = run.child.pid ?? 0;
      await waitFor(
        'the add to stage',
        async () => (await scratchEntries(workspace, 'model-adds')).length > 0,
      );
      const workers = childrenOf(pid);
      run.child.kill('SIGTERM');
      const { code, stderr } = await run.exit;
      expect(code).toBe(143);
      expect(stderr).toContain('mlw: Stopped by SIGTERM');
      expect(await scratchEntries(workspace, 'model-adds')).toEqual([]);
      expect(existsSync(join(workspace, 'models', 'big'))).toBe(false);
      for (const worker of [...workers, ...childrenOf(pid)]) expect(isAlive(worker)).toBe(false);
      expect(tempFiles(workspace)).toEqual([]);
    });

    it('a second signal stops at once, still with 128 + signal', async () => {
      const workspace = join(dir, 'ws-twice');
      const run = spawnMlw(workspace, ['model', 'bench', bigModel, '--runs', '100000', '--warmup', '0']);
      const pid = run.child.pid ?? 0;
      let workers: number[] = [];
      await waitFor('the model worker', () => (workers = childrenOf(pid)).length > 0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run.child.kill('SIGINT');
      // Apart, or the kernel merges them into one. The cleanup may be over by then (the grace-time
      // case below is the one that proves the forced path): a signal that lands while Node tears the
      // process down, after its handlers are gone, is the default one's and ends it by SIGINT. The
      // first signal was handled either way, and nothing hangs.
      await new Promise((resolve) => setTimeout(resolve, 30));
      run.child.kill('SIGINT');
      const { code, signal, stderr } = await run.exit;
      if (code === null) {
        expect(signal).toBe('SIGINT');
        expect(stderr).toContain('mlw: Stopped by SIGINT');
      } else expect(code).toBe(130);
      await waitFor('the worker to end', () => workers.every((worker) => !isAlive(worker)), 5_000);
    });

    it('SIGHUP (a closed terminal) stops it too, with 129', async () => {
      const workspace = join(dir, 'ws-hup');
      const run = spawnMlw(workspace, ['data', 'import', bigCsv]);
      await waitFor(
        'the import to stage',
        async () => (await scratchEntries(workspace, 'imports')).length > 0,
      );
      run.child.kill('SIGHUP');
      const { code, stderr } = await run.exit;
      expect(code).toBe(129);
      expect(stderr).toContain('mlw: Stopped by SIGHUP');
      expect(await scratchEntries(workspace, 'imports')).toEqual([]);
    });

    it('cleanup that outlasts the grace time is cut short, and the next run sweeps what it left', async () => {
      const workspace = join(dir, 'ws-grace');
      const run = spawnMlw(workspace, ['data', 'import', bigCsv], { MLW_STOP_GRACE_MS: '1' });
      await waitFor(
        'the import to stage',
        async () => (await scratchEntries(workspace, 'imports')).length > 0,
      );
      run.child.kill('SIGTERM');
      const { code, stderr } = await run.exit;
      expect(code).toBe(143);
      expect(stderr).toContain('mlw: stopping now, without waiting for the cleanup.');
      // A forced exit may leave its staging folder; its owner is dead now, so the next open removes it.
      const next = await spawnMlw(workspace, ['data', 'list']).exit;
      expect(next.code).toBe(0);
      expect(await scratchEntries(workspace, 'imports')).toEqual([]);
      expect(tempFiles(workspace)).toEqual([]);
    });
  },
);
