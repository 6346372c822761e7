import type { Command } from 'commander';
import { datasetImportResultSchema } from '../../shared/contract/datasets.js';
import { replayResultSchema, type ReplayResult, type Shift } from '../../shared/contract/drift.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { formatCount } from '../../shared/format/numbers.js';
import { driftCommand } from './driftCommand.js';
import { jobResult } from './jobResult.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

interface SimulateFlags {
  name: string;
  shift: string[];
  rows?: string;
  gradual?: string;
  every?: string;
  start?: string;
  seed?: string;
}

interface ReplayFlags {
  batch?: string;
  rate?: string;
  exclude: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const SHIFT_EXAMPLES = 'mean:age=1.5, scale:income=2, categories:plan=basic:0.7,pro:0.3 or missing:email=0.2';

export function registerDriftSimulateCommands(
  program: Command,
  withSession: (work: (session: CliSession) => Promise<void>) => Promise<void>,
  setExitCode: (code: number) => void,
): void {
  const drift = driftCommand(program);

  drift
    .command('simulate')
    .description('Make a shifted copy of a data set, to show drift appearing (a new data set)')
    .argument('<source>', 'the data set to copy, as `mlw data list` prints it')
    .requiredOption('--name <name>', 'the new data set’s name (a free slug is picked if it is taken)')
    .option(
      '--shift <kind:col=value>',
      `how a column moves, repeatable: ${SHIFT_EXAMPLES} (mean in standard deviations, scale of the spread, category weights, the share set missing)`,
      collect,
      [],
    )
    .option('--rows <n>', 'draw this many rows with replacement (default: every row, in order)')
    .option('--gradual <windows>', 'shift gradually over this many timestamped windows (a ts column)')
    .option('--every <unit>', 'the length of a window: hour or day (default hour)')
    .option('--start <iso>', 'the first window’s start (default: now, on the hour)')
    .option('--seed <n>', 'the seed of every random draw (default 1)')
    .action((source: string, flags: SimulateFlags) =>
      withSession(async ({ call, follow, output }) => {
        const job = await follow(await call('drift.simulate', simulateInput(source, flags)));
        const { slug } = datasetImportResultSchema.parse(jobResult(job));
        const dataset = await call('datasets.get', { slug });
        const { manifest } = dataset;
        output.result(dataset, () =>
          [
            line`Simulated ${manifest.name} (${slug}) from ${source}: ${formatCount(manifest.rows)} rows x ${manifest.columns.length} columns`,
            line`  stored   datasets/${slug}/data.parquet, with simulation.json (how it was made)`,
            line`  compare  mlw drift ${source} ${slug}${flags.gradual ? ' --window ' + (flags.every ?? 'hour') + ' --time-column ts' : ''}`,
          ].join('\n'),
        );
      }),
    );

  drift
    .command('replay')
    .description('Send a data set’s rows to a running deployment, so they land in its captures')
    .argument('<dataset>', 'the data set whose rows are sent, in order')
    .argument('<deployment>', 'a running deployment, as `mlw container ps` lists it (with capture on)')
    .option('--batch <n>', 'rows per request (default 32)')
    .option('--rate <rps>', 'requests per second at most (default: as fast as it answers)')
    .option('--exclude <cols>', 'columns not sent, comma-separated (the label, ts)', collect, [])
    .action((dataset: string, deployment: string, flags: ReplayFlags) =>
      withSession(async ({ call, follow, output }) => {
        const job = await follow(
          await call('drift.replay', {
            dataset,
            deployment,
            ...(flags.batch !== undefined ? { batch: wholeNumber(flags.batch, '--batch') } : {}),
            ...(flags.rate !== undefined ? { rate: positive(flags.rate, '--rate') } : {}),
            exclude: flags.exclude.flatMap((list) =>
              list
                .split(',')
                .map((name) => name.trim())
                .filter(Boolean),
            ),
          }),
        );
        const result = replayResultSchema.parse(jobResult(job));
        output.result(result, () => renderReplay(result));
        for (const warning of result.warnings) output.io.err(`mlw: warning: ${warning}\n`);
        if (result.requests.ok === 0 && result.requests.sent > 0) setExitCode(1);
      }),
    );
}

function simulateInput(source: string, flags: SimulateFlags) {
  if (flags.shift.length === 0)
    throw invalid('mlw drift simulate needs at least one --shift.', `For example --shift ${SHIFT_EXAMPLES}.`);
  if (!flags.gradual && (flags.every !== undefined || flags.start !== undefined))
    throw invalid(
      '--every and --start set the windows of a gradual shift; add --gradual WINDOWS.',
      'For example --gradual 6 --every hour.',
    );
  if (flags.every !== undefined && flags.every !== 'hour' && flags.every !== 'day')
    throw invalid(`--every ${flags.every} is not a window length: use hour or day.`);
  const every: 'hour' | 'day' = flags.every === 'day' ? 'day' : 'hour';
  return {
    source,
    name: flags.name,
    shifts: flags.shift.map(parseShift),
    ...(flags.rows !== undefined ? { rows: wholeNumber(flags.rows, '--rows') } : {}),
    ...(flags.gradual !== undefined
      ? {
          gradual: {
            windows: wholeNumber(flags.gradual, '--gradual'),
            every,
            ...(flags.start !== undefined ? { start: isoStart(flags.start) } : {}),
          },
        }
      : {}),
    ...(flags.seed !== undefined ? { seed: wholeNumber(flags.seed, '--seed', 0) } : {}),
  };
}

/** `KIND:COLUMN=VALUE`: the column runs to the first `=`; category weights are `VALUE:WEIGHT,...`. */
export function parseShift(text: string): Shift {
  const match = /^(mean|scale|categories|missing):([^=]+)=(.+)$/.exec(text);
  if (!match)
    throw invalid(`--shift ${text} is not KIND:COLUMN=VALUE.`, `For example --shift ${SHIFT_EXAMPLES}.`);
  const [, kind, column = '', value = ''] = match;
  const flag = `--shift ${text}`;
  switch (kind) {
    case 'mean':
      return { kind, column, by: finite(value, flag) };
    case 'scale':
      return { kind, column, factor: finite(value, flag) };
    case 'missing':
      return { kind, column, share: finite(value, flag) };
    default: {
      const weights: Record<string, number> = {};
      for (const item of value.split(',')) {
        const at = item.lastIndexOf(':');
        if (at <= 0)
          throw invalid(
            `${flag}: "${item}" is not VALUE:WEIGHT.`,
            `Weigh each category, e.g. categories:${column}=a:0.7,b:0.3.`,
          );
        weights[item.slice(0, at)] = finite(item.slice(at + 1), flag);
      }
      return { kind: 'categories', column, weights };
    }
  }
}

function renderReplay(result: ReplayResult): string {
  const { requests, rows } = result;
  const captured = result.capture
    ? line`  captured in ${result.capture.folder}/${result.capture.sampleRate < 1 ? ` (a sample of ${result.capture.sampleRate})` : ''}; compare: mlw drift ${result.dataset} captures:${result.deployment}`
    : line`  not captured: ${result.deployment} has capture off`;
  return [
    line`Replayed ${result.dataset} into ${result.deployment}: ${formatCount(rows.sent)} rows in ${formatCount(requests.sent)} requests, ${(result.durationMs / 1000).toFixed(1)} s`,
    line`  answered ${formatCount(requests.ok)} requests (${formatCount(rows.ok)} rows), failed ${formatCount(requests.failed)} (${formatCount(rows.failed)} rows)`,
    ...result.failures.map((failure) => line`  failed: ${failure}`),
    captured,
  ].join('\n');
}

function finite(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw invalid(`${flag}: "${text}" is not a number.`);
  return value;
}

function wholeNumber(text: string, flag: string, least = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < least)
    throw invalid(`${flag} ${text} is not a whole number of ${least} or more.`);
  return value;
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw invalid(`${flag} ${text} is not a number above 0.`);
  return value;
}

function isoStart(text: string): string {
  const time = new Date(text);
  if (Number.isNaN(time.getTime()))
    throw invalid(`--start ${text} is not a time.`, 'Give an ISO time, e.g. 2026-12-01T00:00:00Z.');
  return time.toISOString();
}

function invalid(message: string, hint?: string): WorkbenchError {
  return new WorkbenchError({ code: 'INVALID_INPUT', message, ...(hint ? { hint } : {}) });
}
