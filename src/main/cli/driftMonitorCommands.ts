import type { Command } from 'commander';
import type { DriftMonitor, MonitorCheck } from '../../shared/contract/drift.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { driftCommand } from './driftCommand.js';
import { DRIFT_EXIT_CODE, parseSide } from './driftCommands.js';
import { formatTable } from './formatTable.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

interface AddFlags {
  every?: string;
  lookback?: string;
  share?: string;
  label?: string;
}

export function registerDriftMonitorCommands(
  program: Command,
  withSession: (work: (session: CliSession) => Promise<void>) => Promise<void>,
  setExitCode: (code: number) => void,
): void {
  const monitor = driftCommand(program)
    .command('monitor')
    .description("Watch a deployment's captured requests against a baseline while the workbench is open");

  monitor
    .command('add')
    .description('Add a monitor: the app and browser mode check it on its schedule')
    .argument('<deployment>', 'the deployment whose captures/<deployment>/ requests are compared')
    .argument('<baseline>', 'a data set slug or a CSV/Parquet/JSON file, as for mlw drift')
    .option('--every <minutes>', 'how often it checks (default 60)')
    .option('--lookback <hours>', 'how far back each check reads the captures (default 24)')
    .option('--share <value>', 'the share of drifted columns at which the data set drifts (default 0.5)')
    .option('--label <col>', 'the label column of the baseline (left out of the comparison)')
    .action((deployment: string, baseline: string, flags: AddFlags) =>
      withSession(async ({ call, output }) => {
        const added = await call('drift.addMonitor', {
          deployment,
          baseline: parseSide(baseline),
          settings: {
            ...(flags.share !== undefined ? { datasetShare: positive(flags.share, '--share') } : {}),
            ...(flags.label ? { label: flags.label } : {}),
          },
          ...(flags.every !== undefined ? { everyMinutes: positive(flags.every, '--every') } : {}),
          ...(flags.lookback !== undefined ? { lookbackHours: positive(flags.lookback, '--lookback') } : {}),
        });
        output.result(added, () =>
          [
            line`Added monitor ${added.id}: ${added.deployment} every ${added.everyMinutes} min over the last ${added.lookbackHours} h.`,
            line`Check it now with: mlw drift monitor check ${added.id}`,
          ].join('\n'),
        );
      }),
    );

  monitor
    .command('list')
    .description('List the monitors with their last check')
    .action(() =>
      withSession(async ({ call, output }) => {
        const monitors = await call('drift.listMonitors', {});
        output.result(monitors, () =>
          monitors.length === 0
            ? 'No drift monitors yet. Add one with: mlw drift monitor add DEPLOYMENT BASELINE'
            : formatTable(monitors, [
                { header: 'MONITOR', value: (m) => m.id },
                { header: 'DEPLOYMENT', value: (m) => m.deployment },
                { header: 'EVERY', value: (m) => `${m.everyMinutes} min`, align: 'right' },
                { header: 'LOOKBACK', value: (m) => `${m.lookbackHours} h`, align: 'right' },
                { header: 'LAST CHECK', value: (m) => m.lastCheck?.at ?? 'never' },
                { header: 'VERDICT', value: verdict, maxWidth: 70 },
              ]),
        );
      }),
    );

  monitor
    .command('remove')
    .description('Remove a monitor')
    .argument('<id>', 'the monitor, as `mlw drift monitor list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const removed = await call('drift.removeMonitor', { id });
        output.result(removed, () => line`Removed monitor ${removed.id}.`);
      }),
    );

  monitor
    .command('check')
    .description(`Check a monitor now; exits with code ${DRIFT_EXIT_CODE} when the data set drifted`)
    .argument('<id>', 'the monitor, as `mlw drift monitor list` prints it')
    .action((id: string) =>
      withSession(async ({ call, output }) => {
        const check = await call('drift.checkMonitor', { id });
        output.result(check, () => renderCheck(check));
        if (check.monitor.lastCheck?.drift) setExitCode(DRIFT_EXIT_CODE);
      }),
    );
}

function verdict(monitor: DriftMonitor): string {
  const last = monitor.lastCheck;
  if (!last) return '–';
  if (last.error !== null) return last.error;
  if (!last.drift)
    return last.driftedColumns.length
      ? `no drift (${last.driftedColumns.join(', ')} drifted) in ${last.rows} rows`
      : `no drift in ${last.rows} rows`;
  return `DRIFT: ${last.driftedColumns.join(', ')} in ${last.rows} rows`;
}

function renderCheck({ monitor, alert }: MonitorCheck): string {
  const lines = [
    line`${monitor.id}: captures of ${monitor.deployment} over the last ${monitor.lookbackHours} h`,
    line`${verdict(monitor)}`,
  ];
  if (alert) lines.push(line`Crossed: ${alert.message}`);
  return lines.join('\n');
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new WorkbenchError({ code: 'INVALID_INPUT', message: `${flag} ${text} is not a number above 0.` });
  return value;
}
