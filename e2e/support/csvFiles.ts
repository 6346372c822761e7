import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';

export const LONG_COLUMN = 'customer_lifetime_value_estimate_in_euros_after_discounts_and_returns';

/**
 * A small CSV with one column of each kind the profile tells apart, a gap in one column and a very long
 * column name; every figure the tests check follows from the row number.
 */
export async function writePeopleCsv(path: string, rows = 1_000): Promise<void> {
  const lines = [`id,name,age,height_cm,signup_date,active,${LONG_COLUMN}`];
  for (let i = 1; i <= rows; i += 1) {
    const age = i % 10 === 0 ? '' : String(20 + (i % 50));
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [
        i,
        `person ${i}`,
        age,
        (150 + (i % 40) + 0.5).toFixed(1),
        `2024-02-${day}`,
        i % 3 === 0 ? 'true' : 'false',
        i * 12.25,
      ].join(','),
    );
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

export const BROKEN_QUOTING = 'name,score\n"Ann",1\n"Bob, Jr",2\n"Cy,3\n"Di",4\n';

/** A CSV big enough (about 60 MB) that importing it takes seconds, written without holding it in memory. */
export async function writeLargeCsv(path: string, rows = 1_500_000): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,group,value,label\n');
  for (let i = 0; i < rows; i += 1) {
    if (!out.write(`${i},g${i % 97},${(i * 0.37) % 1000},row number ${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
