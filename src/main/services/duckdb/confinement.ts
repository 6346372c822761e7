import { WorkbenchError } from '../../../shared/contract/errors.js';

const HINT =
  "Notebook SQL and table filters reach only this workspace's data sets: query them by name (SELECT * FROM customers), or import another file into the workspace first.";

/**
 * The errors DuckDB raises when SQL on the confined instance tries to leave the workspace, said in
 * the workbench's words; undefined for any other error.
 */
export function confinementError(message: string): WorkbenchError | undefined {
  const file = /^Permission Error: Cannot access (?:file|directory) "([^"]*)"/.exec(message);
  // INSTALL reaches for DuckDB's extension folder in the user's home.
  if (file && !/[/\\]\.duckdb[/\\]extensions/.test(file[1] ?? ''))
    return new WorkbenchError({
      code: 'PATH_OUTSIDE_WORKSPACE',
      message: `The SQL tried to reach ${file[1]}, which is outside the workspace's data sets.`,
      hint: HINT,
      details: { path: file[1], engine: message },
    });
  if (file || /^Permission Error: .*(extension|Modifying)/i.test(message))
    return new WorkbenchError({
      code: 'INVALID_INPUT',
      message:
        'The SQL tried to install or load a DuckDB extension or change a locked setting; notebook SQL uses the bundled extensions only (json, parquet, icu).',
      hint: HINT,
      details: { engine: message },
    });
  const locked = /Cannot change configuration option "([^"]+)" - the configuration has been locked/.exec(
    message,
  );
  if (locked)
    return new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The SQL tried to change DuckDB's setting ${locked[1]}, which the workbench keeps fixed so that notebook SQL stays inside the workspace.`,
      hint: 'Remove the SET or PRAGMA statement; the workbench sets memory, threads and file access itself.',
      details: { setting: locked[1], engine: message },
    });
  return undefined;
}
