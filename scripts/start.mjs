#!/usr/bin/env node
// `npm start`: build when the sources changed, then open the workbench.
//
//   node scripts/start.mjs [--browser] [app options such as --workspace DIR]
//
// The Electron window when Electron's binary is installed and there is a display; otherwise the
// browser host (`node out/main/browser.js`), which prints the MLW_URL to open. --browser asks for the
// browser host outright. Every other argument goes to the app unchanged. Ctrl-C and SIGTERM are
// passed to the app, and its exit code is ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');
const OUTPUTS = [
  'out/main/index.js',
  'out/main/browser.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];
// Offline, the download fails within a second; on a slow link the ~100 MB binary needs minutes, and
// a user who waits that long once is better served than one sent to browser mode every time.
const INSTALL_TIMEOUT_MS = 180_000;

const appArgs = process.argv.slice(2).filter((arg) => arg !== '--browser');
const browserAsked = appArgs.length !== process.argv.length - 2;

function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stats.mtimeMs,
  );
}

function buildIsStale() {
  const outputTimes = OUTPUTS.map(
    (file) => statSync(join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  );
  const oldestOutput = Math.min(...outputTimes);
  return oldestOutput === 0 || INPUTS.some((input) => newestMtime(join(ROOT, input)) > oldestOutput);
}

function build() {
  console.log('[start] sources changed since the last build: building (electron-vite build) ...');
  const started = performance.now();
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('[start] the build failed (output above); fix it and run npm start again.');
    process.exit(result.status ?? 1);
  }
  console.log(`[start] built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Where the electron package keeps its binary: dist/<path.txt>, or ELECTRON_OVERRIDE_DIST_PATH. We
 * look ourselves rather than `require('electron')`, which would start a download when it is missing.
 */
function electronBinary() {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative
      ? join(ELECTRON_PACKAGE, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

/** Runs the package's own `install-electron` once; returns why it failed, if it did. */
function installElectron() {
  console.log(
    `[start] Electron's binary is not installed; trying \`npx install-electron\` (at most ${INSTALL_TIMEOUT_MS / 1000} s) ...`,
  );
  const result = spawnSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.error?.code === 'ETIMEDOUT')
    return `the download did not finish within ${INSTALL_TIMEOUT_MS / 1000} s`;
  if (result.status === 0) return undefined;
  // The installer prints a stack trace; its first line says what went wrong ("TypeError: fetch failed").
  const firstLine =
    `${result.stderr}${result.stdout}`.split('\n').find((line) => line.trim()) ??
    `exit code ${result.status}`;
  return `\`npx install-electron\` failed: ${firstLine.trim()}`;
}

/** Why the window cannot open here, as the start of a sentence; undefined when it can. */
function electronUnavailable() {
  if (!existsSync(ELECTRON_PACKAGE)) return 'The electron package is not installed (run npm install)';
  // Checked before any download: a headless machine gains nothing from 100 MB of Electron.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'Electron cannot open a window here (there is no display: neither DISPLAY nor WAYLAND_DISPLAY is set)';
  }
  if (electronBinary()) return undefined;
  const failure = installElectron();
  if (electronBinary()) return undefined;
  return `Electron's binary is not installed (${failure ?? 'install-electron finished but left no binary'})`;
}

/** Starts the app and mirrors its end; signals meant for us go to it. */
function runApp(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`[start] could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
  });
}

if (buildIsStale()) build();
else console.log('[start] the build in out/ is up to date');

if (browserAsked) {
  console.log('[start] starting browser mode (--browser)');
  runApp(process.execPath, [join(ROOT, 'out', 'main', 'browser.js'), ...appArgs]);
} else {
  const unavailable = electronUnavailable();
  if (unavailable) {
    console.log(
      `[start] ${unavailable}; starting browser mode instead. The workbench serves the same app on ` +
        '127.0.0.1: open the MLW_URL printed below in a browser (its token is the password). ' +
        'Electron can be installed later with `npx install-electron`.',
    );
    runApp(process.execPath, [join(ROOT, 'out', 'main', 'browser.js'), ...appArgs]);
  } else {
    const binary = electronBinary();
    // Chromium refuses to run as root with its sandbox on; as root there is no sandbox to keep anyway.
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    console.log(`[start] opening the Electron window (${binary})`);
    runApp(binary, [...sandbox, join(ROOT, 'out', 'main', 'index.js'), ...appArgs]);
  }
}
