#!/usr/bin/env node
// Generates the sample data sets shipped with the workbench: `node resources/samples/generate.mjs`.
// Seeded and offline, so every run writes byte-identical files (CI can check they are unchanged).
// The figures are invented but realistic; nothing here is real personal data.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom as random } from '../../scripts/seededRandom.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Box-Muller: a standard normal draw from two uniform draws. */
function normal(rand) {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const pick = (rand, items) => items[Math.floor(rand() * items.length)];
const day = (date) => date.toISOString().slice(0, 10);

function writeCsv(name, header, rows) {
  const text = [header.join(','), ...rows.map((row) => row.map((v) => (v ?? '')).join(','))].join('\n');
  writeFileSync(join(here, name), `${text}\n`);
  console.log(`${name}: ${rows.length} rows, ${(text.length / 1024).toFixed(0)} KB`);
}

// Heights and weights of 25,000 adults, like the book's height-weight-25k.csv (mean height about
// 68 in, sd 1.9; mean weight about 127 lb, sd 11.7; correlation about 0.5).
{
  const rand = random(25_000);
  const rows = [];
  for (let i = 1; i <= 25_000; i++) {
    const z1 = normal(rand);
    const z2 = normal(rand);
    const height = 67.993 + 1.9017 * z1;
    const weight = 127.079 + 11.661 * (0.5 * z1 + Math.sqrt(1 - 0.25) * z2);
    rows.push([i, height.toFixed(5), weight.toFixed(4)]);
  }
  writeCsv('heights.csv', ['id', 'height_in', 'weight_lb'], rows);
}

// Customers of a telecom with categorical, boolean, date and numeric columns, some values missing,
// and churn that depends on plan, tenure and support calls (so EDA finds something).
{
  const rand = random(4_242);
  const states = ['CA', 'NY', 'TX', 'FL', 'WA', 'IL', 'MI', 'OH', 'GA', 'NC'];
  const plans = ['basic', 'standard', 'premium'];
  const rows = [];
  const start = Date.UTC(2022, 0, 1);
  for (let i = 1; i <= 5_000; i++) {
    const plan = pick(rand, plans);
    const tenure = Math.max(1, Math.round(-Math.log(Math.max(rand(), 1e-9)) * 24));
    const calls = Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 1.6);
    const base = { basic: 29, standard: 59, premium: 89 }[plan];
    const charges = base + normal(rand) * 6;
    const risk = -1.2 + calls * 0.45 - tenure * 0.03 + (plan === 'basic' ? 0.4 : 0) + normal(rand) * 0.5;
    const churned = risk > 0;
    const signup = new Date(start + Math.floor(rand() * 1_000) * 86_400_000);
    const lastLogin = rand() < 0.08 ? null : new Date(signup.getTime() + Math.floor(rand() * 400) * 86_400_000);
    rows.push([
      `C${String(i).padStart(5, '0')}`,
      rand() < 0.02 ? null : pick(rand, states),
      plan,
      day(signup),
      tenure,
      rand() < 0.04 ? null : charges.toFixed(2),
      calls,
      rand() < 0.45,
      lastLogin ? day(lastLogin) : null,
      churned,
    ]);
  }
  writeCsv(
    'churn.csv',
    ['customer_id', 'state', 'plan', 'signup_date', 'tenure_months', 'monthly_charges', 'support_calls', 'has_partner', 'last_login', 'churned'],
    rows,
  );
}

// Three machines' hourly readings over 120 days; from 2026-03-15 sensor s2 drifts warmer and
// vibrates more (a planted drift for the drift simulator to find).
{
  const rand = random(2_026);
  const rows = [];
  const start = Date.UTC(2026, 0, 1);
  const drift = Date.UTC(2026, 2, 15);
  for (let h = 0; h < 120 * 24; h++) {
    const at = start + h * 3_600_000;
    const daily = Math.sin(((h % 24) / 24) * 2 * Math.PI);
    for (const sensor of ['s1', 's2', 's3']) {
      const drifting = sensor === 's2' && at >= drift;
      const temperature = 21 + 2.5 * daily + normal(rand) * 0.6 + (drifting ? 3.2 : 0);
      const humidity = 45 - 6 * daily + normal(rand) * 2;
      const vibration = Math.abs(0.8 + normal(rand) * (drifting ? 0.35 : 0.15));
      rows.push([new Date(at).toISOString().replace('.000Z', ''), sensor, temperature.toFixed(2), humidity.toFixed(1), vibration.toFixed(3)]);
    }
  }
  writeCsv('sensors.csv', ['timestamp', 'sensor', 'temperature_c', 'humidity_pct', 'vibration_g'], rows);
}
