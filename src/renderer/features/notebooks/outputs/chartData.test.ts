import { describe, expect, it } from 'vitest';
import { buildChart, rowsToTable, toRows } from './chartData.js';

const result = {
  columns: [
    { name: 'plan', type: 'VARCHAR' },
    { name: 'charge', type: 'DOUBLE' },
  ],
  rows: [
    ['basic', 10],
    ['basic', 20],
    ['basic', 30],
    ['premium', 80],
    ['premium', null],
  ],
  totalRows: 5,
};

describe('chart data', () => {
  it('reads a query result, rows as objects, and refuses anything else', () => {
    expect(toRows(result)[0]).toEqual({ plan: 'basic', charge: 10 });
    expect(toRows([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(() => toRows(42)).toThrow(/Expected rows/);
  });

  it('bins a histogram over the whole range, counting every number once', () => {
    const chart = buildChart({ type: 'histogram', data: result, x: 'charge', bins: 7 });
    expect(chart.data).toHaveLength(7);
    expect(chart.data.reduce((sum, bin) => sum + Number(bin.count), 0)).toBe(4);
    expect(chart.data[0]).toMatchObject({ from: 10, count: 1 });
    expect(chart.data.at(-1)).toMatchObject({ to: 80, count: 1 });
  });

  it('summarizes a box plot per group (min, quartiles, median, max), skipping missing values', () => {
    const chart = buildChart({ type: 'box', data: result, x: 'plan', y: 'charge' });
    expect(chart.data).toEqual([
      { group: 'basic', min: 10, q1: 15, median: 20, q3: 25, max: 30, count: 3 },
      { group: 'premium', min: 80, q1: 80, median: 80, q3: 80, max: 80, count: 1 },
    ]);
  });

  it('says which column is missing, and that bar charts need y', () => {
    expect(() => buildChart({ type: 'bar', data: result, x: 'nope', y: 'charge' })).toThrow(
      /no column "nope"/,
    );
    expect(() => buildChart({ type: 'bar', data: result, x: 'plan' })).toThrow(/needs y/);
  });

  it('caps scatter points so a saved notebook stays small', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: i * 2 }));
    expect(buildChart({ type: 'scatter', data: many, x: 'x', y: 'y' }).data.length).toBeLessThanOrEqual(2000);
  });

  it('turns rows into a table with the total the cell reported', () => {
    const table = rowsToTable([{ a: 1, b: 'x' }], 10);
    expect(table).toMatchObject({
      columns: [
        { name: 'a', type: 'DOUBLE' },
        { name: 'b', type: 'VARCHAR' },
      ],
      rows: [[1, 'x']],
      totalRows: 10,
      truncated: true,
    });
  });
});
