import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  driftReportSchema,
  type DriftColumn,
  type DriftReport,
  type DriftSettingsInput,
  type DriftSide,
  type TestChoice,
} from '../../shared/contract/drift.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import {
  columnKinds,
  driftTestNames,
  driftTests,
  type ColumnKind,
  type DriftTestName,
} from '../../shared/drift/driftTests.js';
import { formatNumber } from '../../shared/format/numbers.js';
import { renderDriftReportHtml } from '../services/drift/report/index.js';
import { driftCommand } from './driftCommand.js';
import { constraintsOption, renderConstraints } from './driftConstraintsOption.js';
import { formatTable } from './formatTable.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

/** The exit code of `mlw drift --fail-on-drift` when the data set drifted (errors exit 1 or 2). */
export const DRIFT_EXIT_CODE = 3;

interface DriftFlags {
  html?: string;
  test: string[];
  kindTest: string[];
  threshold: string[];
  share?: string;
  ignore: string[];
  map: string[];
  kind: string[];
  window?: string;
  timeColumn?: string;
  label?: string;
  model?: string;
  id?: string;
  failOnDrift?: boolean;
  constraints?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDriftCommands(
  program: Command,
  withSession: (work: (session: CliSession) => Promise<void>) => Promise<void>,
  setExitCode: (code: number) => void,
): void {
  const drift = driftCommand(program);
  drift
    .argument('[baseline]', 'a data set slug, a CSV/Parquet/JSON file, or captures:DEPLOYMENT[@FROM..TO]')
    .argument('[current]', 'the data to compare with the baseline, in the same forms')
    .option('--html <file>', 'also write the self-contained HTML report to this file')
    .option(
      '--test <col=test[:threshold]>',
      `the test for a column (${driftTestNames.join(', ')})`,
      collect,
      [],
    )
    .option(
      '--kind-test <kind=test[:threshold]>',
      'the test for every numeric, categorical or binary column',
      collect,
      [],
    )
    .option('--threshold <col=value>', "a column's threshold, with its default test", collect, [])
    .option('--share <value>', 'the share of drifted columns at which the data set drifts (default 0.5)')
    .option('--ignore <cols>', 'baseline columns to leave out, comma-separated', collect, [])
    .option(
      '--map <base=current>',
      'compare a baseline column with a differently named current one',
      collect,
      [],
    )
    .option('--kind <col=kind>', 'read a column as numeric, categorical or binary', collect, [])
    .option('--window <unit>', 'also compare the current data hour by hour or day by day (hour, day)')
    .option('--time-column <col>', "the current data's timestamp column, for --window (captures have theirs)")
    .option(
      '--label <col>',
      'the label column (left out of the feature comparison; model quality with --model)',
    )
    .option(
      '--model <name[@version]>',
      'also run this registry model on both sides and compare its predictions',
    )
    .option('--id <name>', 'the report folder under drift/ (default: the time and the sides)')
    .option(
      '--constraints <file|suggest>',
      'check the current data against a constraints file, or ones suggested from the baseline',
    )
    .option('--fail-on-drift', `exit with code ${DRIFT_EXIT_CODE} when the data set drifts (a CI gate)`)
    .action((baseline: string | undefined, current: string | undefined, flags: DriftFlags) =>
      withSession(async ({ call, follow, output }) => {
        if (!baseline || !current)
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: 'mlw drift needs a baseline and the current data to compare with it.',
            hint: 'mlw drift BASELINE CURRENT, e.g. mlw drift train.csv today.csv (mlw drift --help lists the options).',
          });
        const job = await follow(
          await call('drift.run', {
            baseline: parseSide(baseline),
            current: parseSide(current),
            settings: settingsFrom(flags),
            ...(flags.id ? { id: flags.id } : {}),
            ...(flags.constraints ? { constraints: await constraintsOption(flags.constraints) } : {}),
          }),
        );
        const report = driftReportSchema.parse(jobResult(job));
        if (flags.html) await writeFile(resolve(flags.html), renderDriftReportHtml(report));
        output.result(report, () => renderReport(report));
        if (flags.failOnDrift && report.dataset.drift) setExitCode(DRIFT_EXIT_CODE);
      }),
    );

  drift
    .command('list')
    .description('List the saved drift reports')
    .action(() =>
      withSession(async ({ call, output }) => {
        const reports = await call('drift.list', {});
        output.result(reports, () =>
          reports.length === 0
            ? 'No drift reports yet. Make one with: mlw drift BASELINE CURRENT'
            : formatTable(reports, [
                { header: 'REPORT', value: (r) => r.id, maxWidth: 60 },
                { header: 'DRIFT', value: (r) => (r.drift ? 'yes' : 'no') },
                { header: 'DRIFTED', value: (r) => `${r.drifted}/${r.compared}`, align: 'right' },
                { header: 'CURRENT', value: (r) => r.current },
                { header: 'BASELINE', value: (r) => r.baseline },
              ]),
        );
      }),
    );

  drift
    .command('show')
    .description('Show a saved drift report')
    .argument('<report>', 'the report name, as `mlw drift list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const report = await call('drift.get', { id });
        output.result(report, () => renderReport(report));
      }),
    );
}

/** `captures:NAME[@FROM..TO]`, `dataset:SLUG`, a file that exists, else a data set slug. */
export function parseSide(text: string): DriftSide {
  const captures = /^captures:([^@]+)(?:@(.*?)\.\.(.*))?$/.exec(text);
  if (captures) {
    const [, deployment = '', from, to] = captures;
    return { kind: 'captures', deployment, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (text.startsWith('dataset:')) return { kind: 'dataset', slug: text.slice('dataset:'.length) };
  if (existsSync(text) || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(text))
    return { kind: 'file', path: resolve(text) };
  return { kind: 'dataset', slug: text };
}

function settingsFrom(flags: DriftFlags): DriftSettingsInput {
  const pairs = (values: string[], flag: string) =>
    values.map((value) => {
      const at = value.lastIndexOf('=');
      if (at <= 0 || at === value.length - 1)
        throw invalid(
          `--${flag} ${value} is not NAME=VALUE.`,
          `For example --${flag} ${examples[flag] ?? 'a=b'}.`,
        );
      return [value.slice(0, at), value.slice(at + 1)] as const;
    });
  const byColumn: Record<string, TestChoice> = {};
  for (const [column, choice] of pairs(flags.test, 'test')) byColumn[column] = testChoice(choice, '--test');
  for (const [column, value] of pairs(flags.threshold, 'threshold'))
    byColumn[column] = { ...byColumn[column], threshold: number(value, '--threshold') };
  const byKind: Partial<Record<ColumnKind, TestChoice>> = {};
  for (const [kind, choice] of pairs(flags.kindTest, 'kind-test'))
    byKind[columnKind(kind)] = testChoice(choice, '--kind-test');
  const kinds = Object.fromEntries(
    pairs(flags.kind, 'kind').map(([column, kind]) => [column, columnKind(kind)]),
  );
  if (flags.window !== undefined && flags.window !== 'hour' && flags.window !== 'day')
    throw invalid(`--window ${flags.window} is not a window: use hour or day.`);
  return {
    mapping: Object.fromEntries(pairs(flags.map, 'map')),
    ignore: flags.ignore.flatMap((list) =>
      list
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
    kinds,
    tests: { byColumn: byColumn, byKind },
    ...(flags.share !== undefined ? { datasetShare: number(flags.share, '--share') } : {}),
    ...(flags.window ? { window: flags.window } : {}),
    ...(flags.timeColumn ? { timeColumn: flags.timeColumn } : {}),
    ...(flags.label ? { label: flags.label } : {}),
    ...(flags.model ? { model: modelRef(flags.model) } : {}),
  };
}

const examples: Record<string, string> = {
  test: 'age=psi or age=psi:0.2',
  'kind-test': 'numeric=ks',
  threshold: 'age=0.2',
  map: 'age=customer_age',
  kind: 'zip=categorical',
};

function testChoice(text: string, flag: string): TestChoice {
  const [test = '', threshold] = text.split(':');
  if (!(driftTestNames as readonly string[]).includes(test))
    throw invalid(`${flag}: "${test}" is not a drift test.`, `Use one of: ${driftTestNames.join(', ')}.`);
  return {
    test: test as DriftTestName,
    ...(threshold !== undefined ? { threshold: number(threshold, flag) } : {}),
  };
}

function modelRef(text: string): { name: string; version?: number } {
  const [name = '', version] = text.split('@');
  if (version === undefined) return { name };
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1)
    throw invalid(`--model ${text}: "${version}" is not a version number.`, 'For example --model churn@2.');
  return { name, version: number };
}

function columnKind(text: string): ColumnKind {
  if (!(columnKinds as readonly string[]).includes(text))
    throw invalid(`"${text}" is not a column kind.`, `Use one of: ${columnKinds.join(', ')}.`);
  return text as ColumnKind;
}

function number(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw invalid(`${flag} ${text} is not a number of 0 or more.`);
  return value;
}

function invalid(message: string, hint?: string): WorkbenchError {
  return new WorkbenchError({ code: 'INVALID_INPUT', message, ...(hint ? { hint } : {}) });
}

const LOCALE = 'en-US';
const show = (value: number | null): string => (value === null ? '–' : formatNumber(value, LOCALE));

function renderReport(report: DriftReport): string {
  const { dataset } = report;
  const verdict = dataset.drift
    ? `DRIFT: ${dataset.drifted} of ${dataset.compared} columns drifted (share ${show(dataset.share)} ≥ ${show(dataset.threshold)})`
    : `No drift: ${dataset.drifted} of ${dataset.compared} columns drifted (share ${show(dataset.share)} < ${show(dataset.threshold)})`;
  const table = formatTable(report.columns, [
    { header: 'COLUMN', value: (c) => c.column, maxWidth: 32 },
    { header: 'KIND', value: (c) => c.kind },
    { header: 'TEST', value: (c) => driftTests[c.test].label },
    { header: 'STATISTIC', value: (c) => show(c.statistic), align: 'right' },
    { header: 'P-VALUE', value: (c) => show(c.pValue), align: 'right' },
    { header: 'THRESHOLD', value: (c) => show(c.threshold), align: 'right' },
    { header: 'DRIFT', value: driftCell, maxWidth: 70 },
  ]);
  const issues = report.schemaIssues.map((issue) => line`  ${issue.message}`);
  const windows = report.windows?.length
    ? [
        '',
        line`Windows: ${report.windows.length}, ${report.windows.filter((w) => w.drift).length} drifted${firstCrossing(report)}`,
      ]
    : [];
  return [
    line`${report.current.label} (${report.current.rows} rows) vs baseline ${report.baseline.label} (${report.baseline.rows} rows)`,
    verdict,
    '',
    table,
    ...(issues.length ? ['', 'Schema:', ...issues] : []),
    ...windows,
    ...prediction(report),
    ...renderConstraints(report),
    '',
    line`Saved drift/${report.id}/report.json and report.html`,
  ].join('\n');
}

function driftCell(column: DriftColumn): string {
  if (column.drift === null) return `not computable: ${column.notComputable ?? ''}`;
  return column.drift ? 'DRIFT' : 'no';
}

function firstCrossing(report: DriftReport): string {
  const first = report.windows?.find((window) => window.drift);
  return first ? `; first from ${first.start}` : '';
}

function prediction(report: DriftReport): string[] {
  const predicted = report.prediction;
  if (!predicted) return [];
  const { quality } = predicted;
  const metrics = quality
    ? Object.keys(quality.baseline.metrics).map(
        (name) =>
          line`  ${name.padEnd(9)} baseline ${show(quality.baseline.metrics[name] ?? null)}   current ${show(quality.current.metrics[name] ?? null)}`,
      )
    : [];
  return [
    '',
    line`Predictions of ${predicted.model.name} v${predicted.model.version}:`,
    ...predicted.columns.map(
      (column) =>
        line`  ${column.column}: ${driftTests[column.test].label} ${show(column.score)} (threshold ${show(column.threshold)}) ${driftCell(column)}`,
    ),
    ...(quality ? [line`Model quality (${quality.baseline.task}):`, ...metrics] : []),
  ];
}
