import type { Shift, SimulateRequest } from '../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { isNumericColumnType } from '../../../shared/models/columnMapping.js';

/** A source column as its profile describes it. */
export interface SourceColumn {
  name: string;
  type: string;
  /** Distinct non-missing values. */
  distinct: number;
}

/** A numeric column with more distinct values than this is a measurement, not a set of categories. */
export const MAX_NUMERIC_CATEGORIES = 20;

const INTEGER_TYPE = /^U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?$/i;

const invalid = (message: string, hint: string): WorkbenchError =>
  new WorkbenchError({ code: 'INVALID_INPUT', message, hint });

const listed = (names: readonly string[]): string =>
  names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length})` : names.join(', ');

/** How a shift is spelled on the command line, to quote it back in a message. */
export function describeShift(shift: Shift): string {
  switch (shift.kind) {
    case 'mean':
      return `mean:${shift.column}=${shift.by}`;
    case 'scale':
      return `scale:${shift.column}=${shift.factor}`;
    case 'categories':
      return `categories:${shift.column}=${Object.entries(shift.weights)
        .map(([category, weight]) => `${category}:${weight}`)
        .join(',')}`;
    case 'missing':
      return `missing:${shift.column}=${shift.share}`;
  }
}

/**
 * Refuses shifts the source cannot take, before anything is read: a column it does not have, a
 * mean or scale shift of a column that holds no numbers, a categories shift of a measurement, or
 * weights that leave nothing to draw.
 */
export function checkShifts(
  request: Pick<SimulateRequest, 'shifts' | 'rows' | 'gradual'>,
  columns: readonly SourceColumn[],
  datasetName: string,
  sourceRows: number,
): void {
  const byName = new Map(columns.map((column) => [column.name, column]));
  for (const shift of request.shifts) {
    const column = byName.get(shift.column);
    const spelled = describeShift(shift);
    if (!column)
      throw invalid(
        `${datasetName} has no column ${shift.column} (in ${spelled}).`,
        `Its columns: ${listed(columns.map((c) => c.name))}. Column names are case-sensitive.`,
      );
    if (shift.kind === 'mean' || shift.kind === 'scale') {
      if (!isNumericColumnType(column.type))
        throw invalid(
          `${spelled}: column ${column.name} of ${datasetName} is ${column.type}, not numbers, so it has no mean or spread to move.`,
          `Shift a numeric column, or change the mix of this one's values: --shift categories:${column.name}=VALUE:WEIGHT,...`,
        );
    }
    if (shift.kind === 'categories') checkCategories(shift, column, spelled, datasetName);
  }
  const rows = request.rows ?? sourceRows;
  if (request.gradual && request.gradual.windows > rows)
    throw invalid(
      `${request.gradual.windows} windows need at least as many rows; the simulation has ${rows}.`,
      'Ask for fewer windows, or draw more rows (--rows N).',
    );
}

function checkCategories(
  shift: Extract<Shift, { kind: 'categories' }>,
  column: SourceColumn,
  spelled: string,
  datasetName: string,
): void {
  const entries = Object.entries(shift.weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0))
    throw invalid(
      `${spelled}: the weights for ${column.name} sum to 0, so there is no category to draw.`,
      'Give at least one category a positive weight, e.g. a:0.7,b:0.3 (weights are scaled to sum to 1).',
    );
  const type = column.type.toUpperCase();
  if (type === 'BOOLEAN') {
    const bad = entries.find(([category]) => category !== 'true' && category !== 'false');
    if (bad)
      throw invalid(
        `${spelled}: ${column.name} is BOOLEAN, so its categories are true and false, not ${JSON.stringify(bad[0])}.`,
        `Weigh true and false, e.g. categories:${column.name}=true:0.8,false:0.2.`,
      );
    return;
  }
  if (isNumericColumnType(type)) {
    if (column.distinct > MAX_NUMERIC_CATEGORIES)
      throw invalid(
        `${spelled}: ${column.name} of ${datasetName} is ${column.type} with ${column.distinct} distinct values, a measurement rather than categories.`,
        `Move its distribution with mean:${column.name}=BY or scale:${column.name}=FACTOR; a categories shift takes text, true/false, or a numeric code of at most ${MAX_NUMERIC_CATEGORIES} values.`,
      );
    const integer = INTEGER_TYPE.test(type);
    const bad = entries.find(([category]) => {
      const value = Number(category);
      return category.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value));
    });
    if (bad)
      throw invalid(
        `${spelled}: ${column.name} is ${column.type}, so its categories are ${integer ? 'whole numbers' : 'numbers'}, not ${JSON.stringify(bad[0])}.`,
        `Name values the column can hold, e.g. categories:${column.name}=0:0.5,1:0.5.`,
      );
    return;
  }
  if (type !== 'VARCHAR' && !type.startsWith('ENUM'))
    throw invalid(
      `${spelled}: ${column.name} is ${column.type}; a categories shift takes a text, true/false or few-valued numeric column.`,
      `Shift another column, or set some of this one's values missing: --shift missing:${column.name}=SHARE.`,
    );
}
