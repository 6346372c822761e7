import type { Profile } from '../../../../shared/contract/profile.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { columnSection } from './columnSection.js';
import { columnAnchor, count, escapeHtml, num, pct } from '../../../../shared/report/html.js';
import { REPORT_CSS } from '../../../../shared/report/reportStyles.js';
import { barListSvg, heatmapSvg } from '../../../../shared/report/svgCharts.js';

/**
 * The profile as ONE self-contained HTML file: inline CSS and SVG, no script, no external file,
 * so it opens offline in any browser and stays small (a few hundred kB whatever the row count:
 * its size grows with columns, never with rows).
 */
export function renderProfileReport(profile: Profile, title: string): string {
  const anchors = new Map(profile.columns.map((c, i) => [c.name, columnAnchor(i)]));
  const link = (name: string): string => {
    const anchor = anchors.get(name);
    return anchor ? `<a href="#${anchor}">${escapeHtml(name)}</a>` : escapeHtml(name);
  };
  const mode =
    profile.mode === 'sampled'
      ? `<span class="badge sampled">sampled: ${count(profile.sampleRows ?? 0)} of ${count(profile.rows)} rows</span>`
      : `<span class="badge">exact: every row</span>`;
  const head = `<header><h1>${escapeHtml(title)}</h1><p>${count(profile.rows)} rows × ${profile.columnCount} columns · profiled ${escapeHtml(profile.createdAt.slice(0, 19).replace('T', ' '))} UTC in ${num(profile.elapsedMs / 1000)} s by ${escapeHtml(profile.engine)} · ${mode}</p></header>`;
  const nav = `<nav><a href="#overview">Overview</a><a href="#alerts">Alerts (${profile.alerts.length})</a><a href="#lint">Lint (${profile.lint.length})</a><a href="#columns">Columns</a><a href="#correlations">Correlations</a><a href="#missing">Missing values</a></nav>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)} – profile</title><style>${REPORT_CSS}</style></head><body><main>${head}${nav}${overview(profile)}${alerts(profile, link)}${lint(profile, link)}<h2 id="columns">Columns</h2>${profile.columns.map((c, i) => columnSection(c, i, profile.rows)).join('')}${correlations(profile)}${missing(profile, link)}<footer>Made by MLOps Workbench · profile schema v${profile.schemaVersion}. Skewness and kurtosis are the bias-corrected sample estimators (as pandas' skew() and kurt()); quantiles interpolate linearly.</footer></main></body></html>`;
}

function overview(profile: Profile): string {
  const o = profile.overview;
  const kinds = Object.entries(o.kinds)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  // The share sits small beside the count, so a card never wraps onto two lines.
  const cards: [string, string, string][] = [
    ['Rows', count(profile.rows), ''],
    ['Columns', String(profile.columnCount), ''],
    ['Missing cells', count(o.missingCells), pct(o.missingCellsPercent)],
    ['Duplicate rows', count(o.duplicateRows), pct(o.duplicateRowsPercent)],
    ['Source on disk', o.sourceSizeBytes === null ? '–' : formatBytes(o.sourceSizeBytes, 'en-US'), ''],
    ['Parquet on disk', o.parquetSizeBytes === null ? '–' : formatBytes(o.parquetSizeBytes, 'en-US'), ''],
  ];
  const html = cards
    .map(
      ([label, value, share]) =>
        `<div class="card"><b>${escapeHtml(value)}${share ? ` <small>${escapeHtml(share)}</small>` : ''}</b><span>${label}</span></div>`,
    )
    .join('');
  return `<h2 id="overview">Overview</h2><div class="cards">${html}</div><p class="note">Column kinds: ${escapeHtml(kinds)}.</p>`;
}

function alerts(profile: Profile, link: (name: string) => string): string {
  if (profile.alerts.length === 0) return `<h2 id="alerts">Alerts</h2><p class="note">No alerts.</p>`;
  const items = profile.alerts.map((a) => {
    // Each column name in the message becomes a link to its section.
    const text = a.columns.reduce(
      (message, name) => message.replace(escapeHtml(name), link(name)),
      escapeHtml(a.message),
    );
    return `<li><span class="tag">${escapeHtml(a.type.replace('_', ' '))}</span>${text}</li>`;
  });
  return `<h2 id="alerts">Alerts</h2><ul class="findings">${items.join('')}</ul>`;
}

function lint(profile: Profile, link: (name: string) => string): string {
  if (profile.lint.length === 0) return `<h2 id="lint">Lint</h2><p class="note">No lint findings.</p>`;
  const items = profile.lint.map((f) => {
    const about = f.columns.length > 0 ? `${f.columns.map(link).join(', ')}: ` : '';
    const examples = f.examples.map((e) => `<code class="example">${escapeHtml(e)}</code>`).join('');
    return `<li><span class="tag">${escapeHtml(f.type.replace('_', ' '))}</span>${about}${escapeHtml(f.message)}${examples}</li>`;
  });
  return `<h2 id="lint">Lint</h2><ul class="findings lint">${items.join('')}</ul>`;
}

function correlations(profile: Profile): string {
  const c = profile.correlations;
  const figure = (caption: string, m: { columns: string[]; values: (number | null)[][] }): string =>
    m.columns.length < 2
      ? ''
      : `<figure><figcaption>${escapeHtml(caption)}</figcaption>${heatmapSvg(m.columns, m.values, caption)}</figure>`;
  const spearman =
    c.spearmanRows < profile.rows ? `Spearman (on a sample of ${count(c.spearmanRows)} rows)` : 'Spearman';
  const omitted =
    c.omitted.length > 0
      ? `<p class="note">Left out (a matrix shows at most ${c.maxColumns} columns): ${escapeHtml(c.omitted.join(', '))}.</p>`
      : '';
  return `<h2 id="correlations">Correlations</h2><div class="matrices">${figure('Pearson', c.pearson)}${figure(spearman, c.spearman)}${figure("Cramér's V (categorical pairs)", c.cramersV)}</div>${omitted}`;
}

function missing(profile: Profile, link: (name: string) => string): string {
  const withMissing = profile.columns.filter((c) => c.missing > 0);
  if (withMissing.length === 0)
    return `<h2 id="missing">Missing values</h2><p class="note">No missing values.</p>`;
  const bars = barListSvg(
    withMissing.map((c) => ({
      label: c.name,
      value: c.missing,
      note: `${count(c.missing)} (${pct(c.missingPercent)})`,
    })),
    'Missing values per column',
  );
  const patterns = profile.missingPatterns
    .map(
      (p) =>
        `<tr><td>${p.columns.length === 0 ? '<i>nothing missing</i>' : p.columns.map(link).join(', ')}</td><td class="n">${count(p.count)}</td><td class="n">${pct((p.count / Math.max(1, profile.rows)) * 100)}</td></tr>`,
    )
    .join('');
  return `<h2 id="missing">Missing values</h2><div class="matrices"><figure><figcaption>Missing per column (bar length: share of rows)</figcaption>${bars}</figure><figure><figcaption>Most frequent patterns: columns missing together</figcaption><table class="grid"><tr><th>Missing columns</th><th>Rows</th><th>Share</th></tr>${patterns}</table></figure></div>`;
}
