// The in-process half of bench/drift-report-render.mjs, bundled by it: renders the big drift
// report (2,000 columns, 24 bins or 20 categories each, 500 windows) and writes it to the path given.
import { writeFile } from 'node:fs/promises';
import { renderDriftReportHtml } from '../src/main/services/drift/report/index.js';
import { bigDriftReport } from '../src/main/services/drift/report/testing/driftReportFixtures.js';

const [out = 'bench/data/drift-report-big.html'] = process.argv.slice(2);
const report = bigDriftReport({ columns: 2000, bins: 24, categories: 20, windows: 500 });
const started = performance.now();
const html = renderDriftReportHtml(report);
const renderMs = performance.now() - started;
await writeFile(out, html);
console.log(JSON.stringify({ renderMs, bytes: Buffer.byteLength(html) }));
