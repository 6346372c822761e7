import { describe, expect, it } from 'vitest';
import { renderDriftReportHtml } from './renderDriftReport.js';
import {
  bigDriftReport,
  categoricalColumnFixture,
  driftColumnFixture,
  driftReportFixture,
  windowsFixture,
} from './testing/driftReportFixtures.js';

const summaryRows = (html: string) => {
  const summary = /<div class="summary">([\s\S]*?)<h2/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="#col-(\d+)">([^<]*)</g)].map((m) => m[2]);
};

describe('drift report HTML', () => {
  it('states the verdict: drifted of compared columns, share against the threshold', () => {
    const drifted = renderDriftReportHtml(
      driftReportFixture({ dataset: { compared: 4, drifted: 3, share: 0.75, threshold: 0.5, drift: true } }),
    );
    expect(drifted).toContain(
      '<div class="verdict drift"><b>Drift</b>3 of 4 compared columns drifted: 75% ≥ the 50% threshold.',
    );
    const calm = renderDriftReportHtml(
      driftReportFixture({ dataset: { compared: 2, drifted: 1, share: 0.5, threshold: 0.6, drift: false } }),
    );
    expect(calm).toContain('<b>No drift</b>1 of 2 compared columns drifted: 50% &lt; the 60% threshold.');
  });

  it('says no column could be compared when none could, and how many could not', () => {
    const html = renderDriftReportHtml(
      driftReportFixture({
        columns: [driftColumnFixture({ drift: null, notComputable: 'All 10 values are missing.' })],
      }),
    );
    expect(html).toContain('No column could be compared');
    expect(html).toContain('1 could not be compared.');
  });

  it('keeps the order of the columns as given (the service sorts by severity)', () => {
    const names = ['zeta', 'alpha', 'mid', 'beta'];
    const html = renderDriftReportHtml(
      driftReportFixture({ columns: names.map((column) => driftColumnFixture({ column })) }),
    );
    expect(summaryRows(html)).toEqual(names);
    const sections = [...html.matchAll(/<section class="column" id="col-(\d+)"><header><h3>([^<]*)</g)];
    expect(sections.map((m) => [m[1], m[2]])).toEqual(names.map((name, i) => [String(i), name]));
  });

  it('escapes every user string: markup, quotes and control characters in names, labels and categories', () => {
    const evil = `<script>alert("x")</script>'\u0007\u202e`;
    const html = renderDriftReportHtml(
      driftReportFixture({
        columns: [
          driftColumnFixture({ column: evil, notComputable: null }),
          categoricalColumnFixture({
            histogram: {
              kind: 'categories',
              categories: [evil, `${'long '.repeat(10)}<b>`],
              baseline: [1, 2],
              current: [2, 1],
              other: { baseline: 0, current: 1 },
            },
          }),
        ],
        schemaIssues: [{ column: evil, problem: 'missing-in-current', message: evil }],
        baseline: { ...driftReportFixture().baseline, label: evil },
        settings: { ...driftReportFixture().settings, ignore: [evil], mapping: { [evil]: evil } },
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('long <b>');
    expect(html).toContain('<u title="long long long long long long long long long long &lt;b&gt;">');
    // Tab and line feed are the page's own; no other control or bidi character gets through.
    expect([...html].filter((c) => /[\p{Cc}\p{Bidi_Control}]/u.test(c) && c !== '\n' && c !== '\t')).toEqual(
      [],
    );
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;␇⟨U+202E⟩');
    expect(html).not.toMatch(/<link|src=|url\(/i);
  });

  it('shows why a column could not be compared, and "–" for a distance test\'s p-value', () => {
    const html = renderDriftReportHtml(
      driftReportFixture({
        columns: [
          driftColumnFixture({
            column: 'ts',
            drift: null,
            notComputable: 'Types differ: TIMESTAMP vs VARCHAR.',
          }),
          categoricalColumnFixture(),
        ],
      }),
    );
    expect(html).toContain(
      '<b class="badge na">not computable</b> <span class="why">Types differ: TIMESTAMP vs VARCHAR.</span>',
    );
    expect(html).toMatch(/Jensen-Shannon<td class="n">0\.03<td class="n">–<td class="n">0\.1<td>/);
  });

  it('draws drift over time only when the report has windows, and names the first crossing', () => {
    expect(renderDriftReportHtml(driftReportFixture())).not.toContain('class="chart windows"');
    const html = renderDriftReportHtml(
      driftReportFixture({ windows: windowsFixture([0.1, null, 0.4, 0.6, 0.2, 0.9]) }),
    );
    expect(html).toContain('class="chart windows"');
    expect(html).toContain('first drift: 2026-03-01 03:00');
    expect(html).toContain(
      'first reached the 50% threshold in window 4 of 6, <b class="crossing">2026-03-01 03:00 to 2026-03-01 04:00</b>',
    );
    const never = renderDriftReportHtml(driftReportFixture({ windows: windowsFixture([0.1, 0.2]) }));
    expect(never).toContain('No window reached the 50% threshold.');
    expect(never).not.toContain('first drift:');
  });

  it('shows provenance: full hashes, settings used, and the model when predictions were compared', () => {
    const column = driftColumnFixture({ column: 'output' });
    const html = renderDriftReportHtml(
      driftReportFixture({
        settings: {
          ...driftReportFixture().settings,
          mapping: { age: 'age_years' },
          tests: {
            byColumn: { age: { test: 'psi', threshold: 0.2 } },
            byKind: { categorical: { test: 'tvd' } },
          },
          window: 'day',
        },
        prediction: {
          model: { name: 'churn', version: 3, sha256: 'c'.repeat(64) },
          columns: [column],
          quality: {
            baseline: { task: 'classification', metrics: { accuracy: 0.91 }, rows: 1000 },
            current: { task: 'classification', metrics: { accuracy: 0.84 }, rows: 800 },
          },
        },
      }),
    );
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain('b'.repeat(64));
    expect(html).toContain('age → age_years');
    expect(html).toContain('age: PSI (threshold 0.2)');
    expect(html).toContain('categorical: Total variation');
    expect(html).toContain('churn version 3');
    expect(html).toContain('id="pred-0"');
    expect(html).toMatch(/accuracy<td class="n">0\.91<td class="n">0\.84/);
  });

  it('stays under 5 MB for 2,000 columns with 24 bins or 20 categories and 500 windows', () => {
    const report = bigDriftReport({ columns: 2000, bins: 24, categories: 20, windows: 500 });
    const html = renderDriftReportHtml(report);
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(5_000_000);
    expect(html.match(/<section class="column"/g)).toHaveLength(2000);
    expect(html.match(/<div class="rows"><table class="grid summary">/g)).toHaveLength(20);
    expect(summaryRows(html)).toEqual(report.columns.map((column) => column.column));
  }, 60_000);
});
