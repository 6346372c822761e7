// The in-process half of bench/graph-view.mjs, bundled by it: starts the browser host on a workspace
// holding MODEL, opens it in Chromium (as the e2e tests do) and measures, for the Graph tab: click to
// first paint, the summary's size over the WebSocket, frame times while panning and zooming, and how
// long a search takes to select and centre a node. Prints one JSON line.
import { chromium } from '@playwright/test';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ModelsPage } from '../e2e/pages/ModelsPage.js';
import { ShellPage } from '../e2e/pages/ShellPage.js';
import { startBrowserHost } from '../e2e/support/browserHost.js';
import { frameTimes } from '../e2e/support/frameTimes.js';

const [model = '', query = ''] = process.argv.slice(2);
const workspace = await mkdtemp(join(tmpdir(), 'mlw-graph-bench-'));
await mkdir(join(workspace, 'models'));
await copyFile(model, join(workspace, 'models', basename(model)));
const host = await startBrowserHost(workspace);
const browser = await chromium.launch({
  executablePath: process.env.MLW_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let largestFrame = 0;
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => (largestFrame = Math.max(largestFrame, payload.length))),
  );
  await page.goto(host.url);
  const shell = new ShellPage(page);
  const models = new ModelsPage(page);
  await shell.goTo('models');
  const openStarted = Date.now();
  await models.open(`models/${basename(model)}`);
  await models.fact('nodes').waitFor();
  const inspectMs = Date.now() - openStarted;
  const clicked = Date.now();
  await models.showTab('graph');
  await models.waitForGraph(120_000);
  const wallMs = Date.now() - clicked;
  const firstPaintMs = Number(await models.graph.getAttribute('data-first-paint-ms'));
  const layoutMs = Number(await models.graph.getAttribute('data-layout-ms'));
  const canvas = (await models.canvas.boundingBox())!;
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  const panAndZoom = async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 40; i++) await page.mouse.move(cx + (i % 10) * 4, cy + ((i % 7) - 3) * 12);
    await page.mouse.up();
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, i < 6 ? -120 : 120);
    await page.waitForTimeout(100);
  };
  const atFit = await frameTimes(page, panAndZoom);
  const searchStarted = Date.now();
  await models.search.fill(query);
  await models.search.press('Enter');
  await page.getByTestId('node-details-name').waitFor();
  const searchMs = Date.now() - searchStarted;
  await page.keyboard.press('Escape');
  const close = await frameTimes(page, panAndZoom);
  process.stdout.write(
    `${JSON.stringify({ inspectMs, wallMs, firstPaintMs, layoutMs, largestFrame, atFit, close, searchMs })}\n`,
  );
} finally {
  await browser.close();
  await host.stop();
  await rm(workspace, { recursive: true, force: true });
}
