import type { Profile } from '../../shared/contract/profile.js';
import { formatBytes, formatCount, formatNumber } from '../../shared/format/numbers.js';
import { formatTable } from './formatTable.js';
import { line } from './terminalText.js';

/** The human output of a profile: overview, one row per column, then alerts and lint findings. */
export function renderProfile(profile: Profile): string {
  const o = profile.overview;
  const sizes = [
    o.sourceSizeBytes === null ? null : `source ${formatBytes(o.sourceSizeBytes)}`,
    o.parquetSizeBytes === null ? null : `Parquet ${formatBytes(o.parquetSizeBytes)}`,
  ].filter((s): s is string => s !== null);
  const mode = profile.mode === 'sampled' ? `SAMPLED: ${formatCount(profile.sampleRows ?? 0)} rows` : 'exact';
  const header = [
    `${formatCount(profile.rows)} rows x ${profile.columnCount} columns, ${mode} (profiled in ${formatNumber(profile.elapsedMs / 1000)} s by ${profile.engine})`,
    `missing cells ${formatCount(o.missingCells)} (${o.missingCellsPercent.toFixed(1)}%), duplicate rows ${formatCount(o.duplicateRows)} (${o.duplicateRowsPercent.toFixed(1)}%)${sizes.length > 0 ? `, ${sizes.join(', ')}` : ''}`,
  ].join('\n');
  const table = formatTable(profile.columns, [
    { header: 'COLUMN', value: (c) => c.name, maxWidth: 28 },
    { header: 'TYPE', value: (c) => c.type },
    { header: 'KIND', value: (c) => c.kind },
    {
      header: 'MISSING',
      value: (c) => `${formatCount(c.missing)} (${c.missingPercent.toFixed(1)}%)`,
      align: 'right',
    },
    { header: 'DISTINCT', value: (c) => formatCount(c.distinct), align: 'right' },
    { header: 'MIN', value: (c) => c.min ?? '', align: 'right', maxWidth: 20 },
    { header: 'MAX', value: (c) => c.max ?? '', align: 'right', maxWidth: 20 },
    { header: 'MEAN', value: (c) => optionalNumber(c.mean), align: 'right' },
    { header: 'STD', value: (c) => optionalNumber(c.std), align: 'right' },
    { header: 'MEDIAN', value: (c) => optionalNumber(c.q50), align: 'right' },
    { header: 'TOP VALUE', value: (c) => topValue(c.text?.topValues[0]), maxWidth: 24 },
  ]);
  const findings = [
    ...profile.alerts.map((a) => line`  ${a.type.padEnd(17)} ${a.message}`),
    ...profile.lint.map(
      (f) =>
        line`  ${`lint:${f.type}`.padEnd(17)} ${f.message}${f.examples.length > 0 ? ` e.g. ${f.examples.join(' | ')}` : ''}`,
    ),
  ];
  const alerts =
    findings.length > 0 ? `Alerts and lint (${findings.length})\n${findings.join('\n')}` : 'No alerts.';
  return `${header}\n\n${table}\n\n${alerts}`;
}

function topValue(top: { value: string; count: number } | undefined): string {
  return top ? `${top.value} (${formatCount(top.count)})` : '';
}

function optionalNumber(value: number | null): string {
  return value === null ? '' : formatNumber(value);
}
