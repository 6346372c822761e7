import type { Command } from 'commander';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { MAX_PAGE_ROWS, type Cell, type TableRows } from '../../shared/contract/tables.js';
import { formatCount } from '../../shared/format/numbers.js';
import { formatTable } from './formatTable.js';
import type { CliSession } from './session.js';

/** Adds `mlw data head` to the `data` command that dataCommands.ts registers. */
export function registerTableCommands(
  program: Command,
  withSession: (work: (session: CliSession) => Promise<void>) => Promise<void>,
): void {
  const data = program.commands.find((command) => command.name() === 'data');
  if (!data) throw new Error('registerTableCommands needs the data command registered first.');
  data
    .command('head')
    .description("Print a data set's first rows (the same paged query the table view uses)")
    .argument('<slug>', 'the data set, as `mlw data list` shows it')
    .option('--limit <n>', `how many rows, 1-${MAX_PAGE_ROWS}`, '10')
    .action((slug: string, options: { limit: string }) =>
      withSession(async ({ call, output }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_ROWS) {
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `--limit must be a whole number from 1 to ${MAX_PAGE_ROWS}, not "${options.limit}".`,
          });
        }
        const page = await call('datasets.rows', { slug, offset: 0, limit });
        output.result(page, () => renderHead(page));
      }),
    );
}

function renderHead(page: TableRows): string {
  const numeric =
    page.rows.length > 0 ? page.columns.map((_, j) => page.rows.every((row) => isNumber(row[j]))) : [];
  const table = formatTable(
    page.rows,
    page.columns.map((column, j) => ({
      header: column.name,
      value: (row: Cell[]) => cellText(row[j] ?? null),
      align: numeric[j] ? ('right' as const) : ('left' as const),
    })),
  );
  const total = page.total ?? page.datasetRows;
  return `${table}\n\nrows 1-${formatCount(page.rows.length)} of ${formatCount(total)}`;
}

function isNumber(cell: Cell | undefined): boolean {
  return cell === null || typeof cell === 'number';
}

function cellText(cell: Cell): string {
  return cell === null ? 'NULL' : String(cell);
}
