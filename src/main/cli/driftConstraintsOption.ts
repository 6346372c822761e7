import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { constraintsSchema, type Constraints, type DriftReport } from '../../shared/contract/drift.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { line } from './terminalText.js';

/** `--constraints suggest` suggests them from the baseline; else it names a constraints file. */
export async function constraintsOption(value: string): Promise<true | Constraints> {
  if (value === 'suggest') return true;
  const path = resolve(value);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The constraints file ${path} cannot be read: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`,
      hint: 'Make one with mlw drift constraints suggest BASELINE --out FILE, or pass --constraints suggest.',
    });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `The constraints file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
      hint: 'An edit may have left a trailing comma or an unquoted name; mlw drift constraints suggest writes a valid file to start from.',
    });
  }
  const parsed = constraintsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`)
    .join('; ');
  throw new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The constraints file ${path} does not hold constraints: ${problems}.`,
    hint: 'docs/drift.md (Constraints) describes each field; mlw drift constraints suggest writes a valid file to start from.',
  });
}

/** The report's constraint violations, for the terminal. */
export function renderConstraints(report: DriftReport): string[] {
  const checked = report.constraints;
  if (!checked) return [];
  const source = checked.source === 'suggested' ? 'suggested from the baseline' : 'as given';
  if (checked.violations.length === 0)
    return ['', line`Constraints (${source}): ${checked.constraints.columns.length} columns, no violations`];
  return [
    '',
    line`Constraints (${source}): ${checked.violations.length} violation${checked.violations.length === 1 ? '' : 's'}`,
    ...checked.violations.map((violation) => line`  ${violation.check}: ${violation.message}`),
  ];
}
