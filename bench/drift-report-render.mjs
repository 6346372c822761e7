#!/usr/bin/env node
// The drift report's limits (the issue's): for a report of 2,000 columns (each with a 24-bin
// histogram, or 20 categories and `other`) and 500 windows, report.html stays under 5 MB and
// Chromium opens it from a file:// URL and reaches `load` in under 2 s. Prints the size, the time
// to render the HTML in Node, and per run Chromium's time to `load` and to the first frame after it
// (median of runs, a fresh page each); with --screenshots DIR also saves light and dark screenshots.
// The baseline, loaded in the same run: a plain page of as many bytes (short paragraphs of text), which
// says how fast this machine's Chromium parses that much HTML at all.
// Usage: node bench/drift-report-render.mjs [--runs 5] [--screenshots bench/data]
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { bundleForBench } from './support/bundle.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, screenshots: { type: 'string' } },
});
const LIMIT_BYTES = 5_000_000;
const LIMIT_MS = 2000;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

await mkdir('bench/data', { recursive: true });
const file = resolve('bench/data/drift-report-big.html');
const runner = await bundleForBench('bench/drift-report-render-runner.ts');
const made = spawnSync(process.execPath, [runner, file], { encoding: 'utf8' });
if (made.status !== 0) {
  console.error(made.stderr || made.stdout);
  process.exit(1);
}
const { renderMs, bytes } = JSON.parse(made.stdout.trim().split('\n').pop());

const plain = resolve('bench/data/plain-same-size.html');
const paragraph = '<p>The quick brown fox jumps over the lazy dog.</p>';
await writeFile(
  plain,
  `<!doctype html><title>plain</title>${paragraph.repeat(Math.ceil(bytes / paragraph.length))}`,
);

/** Milliseconds from navigation to `load` for a fresh page, and to the first frame after it. */
async function open(browser, path) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const started = performance.now();
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  const load = performance.now() - started;
  // The first frame painted after load: the page is laid out and on screen.
  await page.evaluate(
    () =>
      new Promise((done) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(done))),
  );
  const frame = performance.now() - started;
  await page.close();
  return { load, frame };
}

const browser = await chromium.launch({
  executablePath: process.env.MLW_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const loads = [];
const frames = [];
const plainLoads = [];
try {
  for (let run = 0; run < Number(values.runs); run += 1) {
    const report = await open(browser, file);
    loads.push(report.load);
    frames.push(report.frame);
    plainLoads.push((await open(browser, plain)).load);
  }
  if (values.screenshots) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const path = resolve(values.screenshots, `drift-report-big-${colorScheme}.png`);
      await page.screenshot({ path });
      console.log(`screenshot: ${path}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
const load = median(loads);
console.log(
  `drift report, 2,000 columns and 500 windows: ${(bytes / 1e6).toFixed(2)} MB (limit 5 MB), rendered in ${renderMs.toFixed(0)} ms; Chromium load ${load.toFixed(0)} ms median of ${loads.length} (runs: ${loads.map((ms) => ms.toFixed(0)).join(', ')} ms; limit 2,000 ms), first frame after load ${median(frames).toFixed(0)} ms; baseline, a plain page of as many bytes: load ${median(plainLoads).toFixed(0)} ms (ratio ${(load / median(plainLoads)).toFixed(2)})`,
);
if (bytes >= LIMIT_BYTES || load >= LIMIT_MS) {
  console.error('over a limit');
  process.exit(1);
}
