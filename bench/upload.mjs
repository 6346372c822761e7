#!/usr/bin/env node
// Browser-mode upload throughput: a file sent by the page's own upload code (src/renderer/lib/
// upload.ts, bundled for the browser) from Chromium to `PUT /api/upload` of a real browser host,
// and the same file sent to the same route by `curl -T` (the baseline), in one run. Prints MB/s for
// both, their ratio, and the peak RSS of the host process and of Chromium's renderer.
// Usage: npm run build && node bench/upload.mjs [--mb 1024] [--runs 2]
/* global document, window */ // page.evaluate bodies run in Chromium
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'rolldown';
import { BENCH_CACHE } from './support/bundle.mjs';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '1024' }, runs: { type: 'string', default: '2' } },
});
const SIZE_MB = Number(values.mb);
const RUNS = Number(values.runs);
const HOST_ENTRY = 'out/main/browser.js';
if (!existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run \`npm run build\` first.`);

// The page's upload code, as a script the bench can put into the served page.
const uploaderBundle = `${BENCH_CACHE}/upload-browser.js`;
await build({
  input: 'src/renderer/lib/upload.ts',
  platform: 'browser',
  output: { file: uploaderBundle, format: 'iife', name: 'mlwUpload' },
  logLevel: 'silent',
});

const dir = await mkdtemp(join(tmpdir(), 'mlw-upload-bench-'));
const workspace = join(dir, 'ws');
const file = join(dir, 'big.bin');
{
  // Random bytes, 1 MiB repeated: nothing on the way can compress it.
  const block = randomBytes(1024 * 1024);
  const out = createWriteStream(file);
  for (let i = 0; i < SIZE_MB; i += 1) if (!out.write(block)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
const bytes = SIZE_MB * 1024 * 1024;

console.error('file ready');
const host = spawn(process.execPath, [HOST_ENTRY, '--workspace', workspace, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.on('exit', () => host.kill('SIGTERM'));
let printed = '';
host.stdout.setEncoding('utf8');
const url = await new Promise((resolve, reject) => {
  host.stdout.on('data', (chunk) => {
    printed += chunk;
    const match = /^MLW_URL=(\S+)$/m.exec(printed);
    if (match) resolve(match[1]);
  });
  host.once('exit', () => reject(new Error(`the host exited:\n${printed}`)));
});
const origin = new URL(url).origin;
const token = new URL(url).searchParams.get('token');
const port = new URL(url).port;

/** Peak resident set of the processes `pids()` names, sampled every 50 ms while `work` runs. */
async function peakRss(pids, work) {
  let peak = 0;
  const sample = () => {
    let total = 0;
    for (const pid of pids()) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        // the process is gone
      }
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 50);
  sample();
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
    sample();
  }
}

/** Chromium renderers of this bench's browser only: other engineers' browsers share the machine. */
function rendererPids() {
  // Playwright starts Chromium as a child of this process; its renderers descend from it.
  const benchPid = process.pid;
  const parentOf = (pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    } catch {
      return 0;
    }
  };
  const descends = (pid) => {
    for (let at = Number(pid), depth = 0; at > 1 && depth < 10; at = parentOf(at), depth += 1) {
      if (at === benchPid) return true;
    }
    return false;
  };
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') && descends(pid);
      } catch {
        return false;
      }
    });
}

function clearUploads() {
  execFileSync('rm', ['-rf', join(workspace, '.scratch', 'uploads')]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
// The bench adds the uploader as an inline script, which the host's CSP rightly forbids pages.
const page = await (await browser.newContext({ bypassCSP: true })).newPage();
console.error('host at', new URL(url).origin);
await page.goto(url);
await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
await page.addScriptTag({ content: readFileSync(uploaderBundle, 'utf8') });
await page.evaluate(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'bench-file';
  document.body.append(input);
});
await page.setInputFiles('#bench-file', file);
const idleRenderer = (await peakRss(rendererPids, async () => undefined)).peak;
console.error('file set');

const mbps = (ms) => bytes / 1e6 / (ms / 1000);
const results = { page: [], curl: [] };
let serverPeak = 0;
let rendererPeak = 0;
for (let run = 0; run < RUNS; run += 1) {
  clearUploads();
  const pageRun = await peakRss(
    () => [host.pid],
    () =>
      peakRss(rendererPids, () =>
        page.evaluate(async () => {
          const picked = document.querySelector('#bench-file').files[0];
          const started = performance.now();
          const source = await window.mlwUpload.uploadFile(picked);
          return { ms: performance.now() - started, source };
        }),
      ),
  );
  serverPeak = Math.max(serverPeak, pageRun.peak);
  rendererPeak = Math.max(rendererPeak, pageRun.result.peak);
  results.page.push(pageRun.result.result.ms);

  clearUploads();
  const curlRun = await peakRss(
    () => [host.pid],
    async () => {
      const started = performance.now();
      const curl = spawn(
        'curl',
        [
          '-sS',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '-T',
          file,
          '-H',
          `Origin: ${origin}`,
          '-H',
          `Cookie: mlw_token_${port}=${token}`,
          `${origin}/api/upload?name=big.bin`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let status = '';
      curl.stdout.on('data', (chunk) => (status += chunk));
      await once(curl, 'exit');
      if (status !== '200') throw new Error(`curl got HTTP ${status}`);
      return performance.now() - started;
    },
  );
  serverPeak = Math.max(serverPeak, curlRun.peak);
  results.curl.push(curlRun.result);
}

const best = (list) => Math.min(...list);
const mib = (n) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log(`upload of ${SIZE_MB} MiB to PUT /api/upload, best of ${RUNS}`);
console.log(
  `  page (upload.ts in Chromium): ${mbps(best(results.page)).toFixed(1)} MB/s  (runs: ${results.page.map((ms) => mbps(ms).toFixed(1)).join(', ')})`,
);
console.log(
  `  curl -T (baseline):           ${mbps(best(results.curl)).toFixed(1)} MB/s  (runs: ${results.curl.map((ms) => mbps(ms).toFixed(1)).join(', ')})`,
);
console.log(`  ratio page / curl:            ${(best(results.curl) / best(results.page)).toFixed(2)}`);
console.log(
  `  peak RSS: host ${mib(serverPeak)}, Chromium renderer ${mib(rendererPeak)} (${mib(idleRenderer)} before the upload)`,
);

await browser.close();
host.kill('SIGTERM');
await once(host, 'exit');
await rm(dir, { recursive: true, force: true });
