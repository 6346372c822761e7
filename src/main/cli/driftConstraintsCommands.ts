import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { driftCommand } from './driftCommand.js';
import { parseSide } from './driftCommands.js';
import type { CliSession } from './session.js';
import { line } from './terminalText.js';

type WithSession = (work: (session: CliSession) => Promise<void>) => Promise<void>;

interface SuggestFlags {
  out?: string;
  ignore: string[];
  label?: string;
  maxCategories?: string;
  allowExtraColumns?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDriftConstraintsCommands(program: Command, withSession: WithSession): void {
  const constraints = driftCommand(program)
    .command('constraints')
    .description(
      'Baseline constraints (SageMaker Model Monitor style): suggest them, edit the file, check with mlw drift --constraints',
    );

  constraints
    .command('suggest')
    .description(
      'Suggest constraints from a baseline (types, completeness, numeric ranges, categories) and write them as JSON',
    )
    .argument('<baseline>', 'a data set slug, a CSV/Parquet/JSON file, or captures:DEPLOYMENT[@FROM..TO]')
    .option('--out <file>', 'write the constraints to this file (default: print them)')
    .option('--ignore <cols>', 'columns to leave out, comma-separated', collect, [])
    .option('--label <col>', 'the label column, left out as served requests lack it')
    .option(
      '--max-categories <n>',
      'list the categories of string columns with at most n values (default 120)',
    )
    .option('--allow-extra-columns', 'do not count columns the baseline lacks as violations')
    .action((baseline: string, flags: SuggestFlags) =>
      withSession(async ({ call, output }) => {
        const suggested = await call('drift.suggestConstraints', {
          baseline: parseSide(baseline),
          ignore: flags.ignore.flatMap((list) =>
            list
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean),
          ),
          ...(flags.label ? { label: flags.label } : {}),
          ...(flags.maxCategories !== undefined ? { maxCategories: count(flags.maxCategories) } : {}),
          allowExtraColumns: flags.allowExtraColumns ?? false,
        });
        const text = `${JSON.stringify(suggested, null, 2)}\n`;
        if (!flags.out) {
          output.io.out(text);
          return;
        }
        const path = resolve(flags.out);
        await writeFile(path, text);
        output.result(
          suggested,
          () =>
            line`Wrote constraints for ${suggested.columns.length} columns to ${path}; edit it, then check with mlw drift BASELINE CURRENT --constraints ${path}`,
        );
      }),
    );
}

function count(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `--max-categories ${text} is not a whole number of 1 or more.`,
    });
  return value;
}
