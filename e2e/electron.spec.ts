import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataPage } from './pages/DataPage.js';
import { writePeopleCsv } from './support/csvFiles.js';

// The import flow of import.spec.ts, in the Electron app instead of a browser tab: the file the user
// picks reaches the services by its path (no upload), through the sandboxed preload and checked IPC.

const ROOT = join(import.meta.dirname, '..');
const MAIN_ENTRY = join(ROOT, 'out', 'main', 'index.js');
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * The Electron binary, found the way the `electron` package finds it, but without requiring that
 * package: its index.js starts a download when the binary is missing.
 */
function electronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'),
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(executable) ? executable : undefined;
}

function whyNot(): string | undefined {
  if (!electronBinary()) {
    return 'the Electron binary is not installed on this machine; run `npx install-electron` where the network allows';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'Electron needs a display on Linux; run the end-to-end tests under `xvfb-run`';
  }
  if (!existsSync(MAIN_ENTRY)) return `${MAIN_ENTRY} does not exist; run \`npm run build\` first`;
  return undefined;
}

const skipReason = whyNot();
test.skip(skipReason !== undefined, skipReason);

interface Launched {
  app: ElectronApplication;
  page: Page;
  workspace: string;
  problems: string[];
}

const launched: { app: ElectronApplication; scratch: string }[] = [];

/** The app on a fresh workspace and user-data folder, past `data-app-state="ready"`. */
async function launch(): Promise<Launched> {
  const scratch = await mkdtemp(join(tmpdir(), 'mlw-electron-e2e-'));
  const workspace = join(scratch, 'workspace');
  const args = [MAIN_ENTRY, '--workspace', workspace, '--user-data-dir', join(scratch, 'user-data')];
  // Chromium refuses to start as root with its OS sandbox; the renderer's Electron sandbox (no Node,
  // restricted preload) is unaffected by this switch.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // The built page, not a dev server; and never Electron running as plain Node.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL' && entry[0] !== 'ELECTRON_RUN_AS_NODE',
    ),
  );
  const app = await _electron.launch({ executablePath: electronBinary(), args, cwd: ROOT, env });
  launched.push({ app, scratch });
  const page = await app.firstWindow();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready');
  return { app, page, workspace, problems };
}

test.afterEach(async () => {
  for (const { app, scratch } of launched.splice(0)) {
    const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
    await app.close();
    const outcome = await Promise.race([
      exited.then(() => 'exited'),
      delay(CLOSE_TIMEOUT_MS).then(() => 'hung'),
    ]);
    expect(outcome, 'the app exits within a bounded time after close').toBe('exited');
    await rm(scratch, { recursive: true, force: true });
  }
});

test('imports a picked CSV by its path and shows its profile', async () => {
  const { page, workspace, problems } = await launch();
  const data = new DataPage(page);
  const csv = test.info().outputPath('people.csv');
  await writePeopleCsv(csv);

  await data.importFile(csv);

  await expect(data.detail).toBeVisible();
  await expect(data.rowCount).toHaveText('1,000');
  await expect(data.columnCount).toHaveText('7');
  await expect(data.datasetItem('people')).toContainText('1,000 rows × 7 cols');
  const manifest = JSON.parse(
    await readFile(join(workspace, 'datasets', 'people', 'dataset.json'), 'utf8'),
  ) as {
    source: { path: string | null };
  };
  expect(manifest.source.path, 'read in place from the picked path, not uploaded').toBe(csv);
  expect(problems, 'errors in the window').toEqual([]);
});

test('the window has no Node, only the bridge, and stays on its own page', async () => {
  const { app, page } = await launch();

  // The page's globals, seen from the page (this tsconfig has no DOM types, hence the casts).
  const globals = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      bridge: Object.keys(scope.workbench ?? {}).sort(),
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    bridge: ['invoke', 'pathForFile', 'subscribe'],
  });

  await page.addScriptTag({ content: 'globalThis.inlineRan = true;' }).catch(() => undefined);
  expect(
    await page.evaluate(() => (globalThis as unknown as { inlineRan?: boolean }).inlineRan ?? false),
    'CSP blocks inline scripts',
  ).toBe(false);

  const refused = await page.evaluate(() =>
    (
      globalThis as unknown as { workbench: { invoke(name: string, input: unknown): Promise<unknown> } }
    ).workbench.invoke('system.shutdown', {}),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const before = page.url();
  const opened: unknown[] = [];
  app.on('window', (window) => opened.push(window));
  // file: rather than https: so the test cannot open the machine's browser through openExternal.
  await page.evaluate(() => {
    const scope = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
    scope.open('file:///etc/hostname');
    scope.location.href = 'https://example.com/';
  });
  await delay(500);
  expect(page.url()).toBe(before);
  expect(opened).toEqual([]);
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
