import type { Command } from 'commander';

/**
 * The one `drift` command group: `mlw drift BASELINE CURRENT` is its own action and `simulate`,
 * `replay`, `constraints`, `list`... are its subcommands, registered from several files.
 */
export function driftCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'drift') ??
    program.command('drift').description('Compare data with a baseline, per column and over time')
  );
}
