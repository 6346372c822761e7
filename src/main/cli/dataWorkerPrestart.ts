import { existsSync } from 'node:fs';
import { prestartWorker, type SpawnWorker } from '../services/workerHost/workerProcess.js';

/** The commands that query DuckDB, and so gain from a data worker started with the process. */
const DATA_COMMANDS = new Set(['data', 'table']);
/** Global options that take a value, which is not the command name. */
const OPTIONS_WITH_VALUE = new Set(['-w', '--workspace', '--docker-host']);

/** The command a run names: the first argument that is neither a global option nor its value. */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (OPTIONS_WITH_VALUE.has(argument)) i++;
    else if (!argument.startsWith('-')) return argument;
  }
  return undefined;
}

/**
 * For data and table commands, forks the data worker before the CLI loads the rest of itself, so
 * DuckDB's start (about half a second) overlaps the CLI's own; undefined for other commands.
 */
export function prestartDataWorker(argv: readonly string[], entry: string): SpawnWorker | undefined {
  const command = commandOf(argv);
  if (command === undefined || !DATA_COMMANDS.has(command) || !existsSync(entry)) return undefined;
  return prestartWorker(entry);
}
