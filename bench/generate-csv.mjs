#!/usr/bin/env node
// Writes a deterministic wide CSV for benchmarks: numeric, categorical, boolean, date and text
// columns with some missing cells, like the 1M x 20 file the data issue names.
// Usage: node bench/generate-csv.mjs --rows 1000000 --out bench/data/wide-1m.csv
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { seededRandom } from '../scripts/seededRandom.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    out: { type: 'string', default: 'bench/data/wide-1m.csv' },
  },
});
const rows = Number(values.rows);

const random = seededRandom(20261124);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = (list) => list[Math.floor(random() * list.length)];
const maybe = (share, value) => (random() < share ? '' : value);

const countries = ['DE', 'FR', 'US', 'GB', 'IN', 'BR', 'JP', 'NG', 'ES', 'IT', 'CA', 'MX'];
const plans = ['free', 'basic', 'pro', 'enterprise'];
const channels = ['web', 'ios', 'android', 'partner', 'store'];
const words = [
  'late',
  'delivery',
  'great',
  'support',
  'refund',
  'broken',
  'fast',
  'price',
  'quality',
  'again',
  'never',
  'recommend',
];
const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Linus',
];
const header = [
  'id',
  'age',
  'income',
  'score',
  'balance',
  'visits',
  'latency_ms',
  'temperature',
  'ratio',
  'country',
  'plan',
  'channel',
  'segment',
  'is_active',
  'churned',
  'signup_date',
  'last_seen',
  'name',
  'comment',
  'email',
];

await mkdir(dirname(values.out), { recursive: true });
const out = createWriteStream(values.out);
out.write(`${header.join(',')}\n`);
const day = 86_400_000;
const start = Date.UTC(2019, 0, 1);
let chunk = '';
for (let i = 0; i < rows; i += 1) {
  const signup = start + Math.floor(random() * 1800) * day;
  const fields = [
    i,
    maybe(0.02, Math.max(18, Math.round(40 + normal() * 12))),
    maybe(0.05, Math.round(Math.exp(10.5 + normal() * 0.6))),
    (normal() * 15 + 60).toFixed(3),
    (normal() * 2500).toFixed(2),
    random() < 0.3 ? 0 : Math.floor(-Math.log(1 - random()) * 8),
    maybe(0.01, Math.exp(3 + normal() * 0.8).toFixed(1)),
    maybe(0.1, (18 + normal() * 6).toFixed(2)),
    random().toFixed(6),
    pick(countries),
    maybe(0.03, pick(plans)),
    pick(channels),
    `seg-${Math.floor(random() * 200)}`,
    random() < 0.8 ? 'true' : 'false',
    random() < 0.07 ? 'true' : 'false',
    new Date(signup).toISOString().slice(0, 10),
    maybe(
      0.04,
      new Date(signup + Math.floor(random() * 400 * day)).toISOString().slice(0, 19).replace('T', ' '),
    ),
    `${pick(firstNames)} ${String.fromCharCode(65 + Math.floor(random() * 26))}.`,
    maybe(0.2, `"${Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(words)).join(' ')}"`),
    `user${i}@example.com`,
  ];
  chunk += `${fields.join(',')}\n`;
  if (chunk.length > 1 << 20) {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
}
out.end(chunk);
await once(out, 'finish');
console.log(`wrote ${rows} rows to ${values.out}`);
