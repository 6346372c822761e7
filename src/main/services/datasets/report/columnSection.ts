import type { ColumnProfile } from '../../../../shared/contract/profile.js';
import { columnAnchor, count, escapeHtml, num, pct, statTable } from '../../../../shared/report/html.js';
import { barListSvg, histogramSvg } from '../../../../shared/report/svgCharts.js';

/** One column's section: the statistics of its kind beside its chart. */
export function columnSection(column: ColumnProfile, index: number, rows: number): string {
  const common: [string, string][] = [
    ['Values', count(column.count)],
    ['Missing', `${count(column.missing)} (${pct(column.missingPercent)})`],
    [
      'Distinct',
      `${count(column.distinct)} (${pct(column.count === 0 ? 0 : (column.distinct / column.count) * 100)})`,
    ],
  ];
  const [left, chart] = kindDetails(column, common, rows);
  return `<section class="column" id="${columnAnchor(index)}"><header><h3>${escapeHtml(column.name)}</h3><span class="kind">${escapeHtml(column.kind)} · ${escapeHtml(column.type)}</span></header><div>${left}</div><div>${chart}</div></section>`;
}

function kindDetails(column: ColumnProfile, common: [string, string][], rows: number): [string, string] {
  const { numeric, text, datetime, boolean } = column;
  if (numeric) {
    const a = statTable([
      ...common,
      ['Mean', num(numeric.mean)],
      ['Std deviation', num(numeric.std)],
      ['Skewness', num(numeric.skewness)],
      ['Kurtosis (excess)', num(numeric.kurtosis)],
      ['Zeros', count(numeric.zeros)],
      ['Negatives', count(numeric.negatives)],
      ['Infinite', count(numeric.infinities)],
    ]);
    const b = statTable([
      ['Minimum', num(numeric.min)],
      ['5th percentile', num(numeric.p5)],
      ['Q1 (25%)', num(numeric.p25)],
      ['Median', num(numeric.p50)],
      ['Q3 (75%)', num(numeric.p75)],
      ['95th percentile', num(numeric.p95)],
      ['Maximum', num(numeric.max)],
      ['IQR', num(numeric.iqr)],
    ]);
    const h = numeric.histogram;
    const chart = h
      ? // The axis is labelled with the data's range: an integer column's last edge lies past max.
        histogramSvg(h.counts, num(numeric.min), num(numeric.max), `Histogram of ${column.name}`)
      : '';
    return [`<div class="stats-grid">${a}${b}</div>`, chart];
  }
  if (text) {
    const a = statTable([
      ...common,
      ['Empty strings', count(text.emptyStrings)],
      [
        'Length min / mean / max',
        `${num(text.lengthMin)} / ${num(text.lengthMean)} / ${num(text.lengthMax)}`,
      ],
      ['Values that read as numbers', count(text.numberLike)],
    ]);
    const items = text.topValues.map((v) => ({
      label: v.value,
      value: v.count,
      note: `${count(v.count)} (${pct((v.count / Math.max(1, column.count)) * 100)})`,
    }));
    if (text.otherCount > 0)
      items.push({
        label: '(other values)',
        value: text.otherCount,
        note: `${count(text.otherCount)} (${pct((text.otherCount / Math.max(1, column.count)) * 100)})`,
      });
    const chart =
      items.length > 0
        ? barListSvg(items, `Most frequent values of ${column.name}`)
        : column.count === 0
          ? `<p class="note">No values: every cell is missing.</p>`
          : `<p class="note">Every value is different: no value is more frequent than another.</p>`;
    return [a, chart];
  }
  if (datetime) {
    const a = statTable([...common, ['Earliest', datetime.min ?? '–'], ['Latest', datetime.max ?? '–']]);
    const h = datetime.histogram;
    const day = (iso: string | undefined): string => (iso ?? '').slice(0, 10);
    const chart = h
      ? histogramSvg(
          h.counts,
          day(h.edges[0]),
          day(h.edges[h.edges.length - 1]),
          `Values of ${column.name} over time`,
        )
      : '';
    return [a, chart];
  }
  if (boolean) {
    const a = statTable([
      ...common,
      ['True', count(boolean.trueCount)],
      ['False', count(boolean.falseCount)],
    ]);
    const items = [
      { label: 'true', value: boolean.trueCount, note: pct((boolean.trueCount / Math.max(1, rows)) * 100) },
      {
        label: 'false',
        value: boolean.falseCount,
        note: pct((boolean.falseCount / Math.max(1, rows)) * 100),
      },
    ];
    return [a, barListSvg(items, `True and false in ${column.name}`)];
  }
  return [statTable([...common, ['Minimum', column.min ?? '–'], ['Maximum', column.max ?? '–']]), ''];
}
