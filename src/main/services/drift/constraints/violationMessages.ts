import type {
  ColumnConstraint,
  ConstraintViolation,
  Constraints,
} from '../../../../shared/contract/drift.js';
import { formatCount, formatNumber } from '../../../../shared/format/numbers.js';
import { valueClass } from '../../../../shared/drift/columnPairs.js';
import { TYPE_NOUNS, describeHolding } from './columnTypes.js';
import type { CheckedColumn, CurrentColumnFacts } from './currentFacts.js';

// Messages are stored in reports and asserted by tests: one locale, whatever the machine's.
const LOCALE = 'en-US';
const count = (value: number): string => formatCount(value, LOCALE);
const number = (value: number): string => formatNumber(value, LOCALE);
/** A share as a percent rounded down, so that 99.96 % complete never reads as 100 %. */
const percent = (share: number): string =>
  `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(Math.floor(share * 10_000) / 100)}%`;
const values = (n: number): string => `${count(n)} ${n === 1 ? 'value' : 'values'}`;

export function missingColumnMessage(column: string, currentName: string): string {
  return currentName === column
    ? `${column} is in the constraints but not in the current data.`
    : `${column} is mapped to ${currentName}, which the current data does not have.`;
}

export function extraColumnMessage(column: string): string {
  return `${column} is in the current data but not in the constraints (extra columns are not allowed).`;
}

/** The type, completeness, range and category violations of one column, in that order. */
export function valueViolations(
  { constraint, current }: CheckedColumn,
  facts: CurrentColumnFacts,
  rows: number,
  tolerance: Constraints['tolerance'],
): ConstraintViolation[] {
  const name =
    current.name === constraint.column
      ? constraint.column
      : `${constraint.column} (${current.name} in the current data)`;
  const violation = (check: ConstraintViolation['check'], message: string, broken: number) => ({
    column: constraint.column,
    check,
    message,
    rows: broken,
  });
  const found: ConstraintViolation[] = [];
  if (exceeds(facts.wrongType, facts.present, tolerance.type)) {
    const examples = exampleList(facts.wrongTypeExamples, valueClass(current.type) === 'text');
    found.push(
      violation(
        'type',
        `${name} holds ${describeHolding(current.type)} in the current data (${current.type}) but was ${constraint.type} in the baseline: ${count(facts.wrongType)} of ${values(facts.present)} ${facts.wrongType === 1 ? `does not read as ${TYPE_NOUNS[constraint.type][0]}` : `do not read as ${TYPE_NOUNS[constraint.type][1]}`}${examples ? ` (e.g. ${examples})` : ''}${allowance(tolerance.type)}.`,
        facts.wrongType,
      ),
    );
  }
  const absent = rows - facts.present;
  if (rows > 0 && facts.present / rows < constraint.completeness)
    found.push(
      violation(
        'completeness',
        `${name} is ${percent(facts.present / rows)} complete in the current data (${count(absent)} of ${count(rows)} rows missing) but at least ${percent(constraint.completeness)} is required.`,
        absent,
      ),
    );
  if (facts.outOfRange > 0 && constraint.range)
    found.push(
      violation(
        'out-of-range',
        `${name} has ${count(facts.outOfRange)} of ${values(facts.numbers)} ${rangeText(constraint.range)} (the current data holds ${number(facts.min ?? NaN)} to ${number(facts.max ?? NaN)}).`,
        facts.outOfRange,
      ),
    );
  if (constraint.categories && exceeds(facts.unknown, facts.present, tolerance.categories)) {
    const shown = facts.unknownExamples.slice(0, facts.unknownDistinct);
    const more = facts.unknownDistinct - shown.length;
    found.push(
      violation(
        'unknown-category',
        `${name} holds ${count(facts.unknownDistinct)} ${facts.unknownDistinct === 1 ? 'category' : 'categories'} the baseline did not have, in ${count(facts.unknown)} of ${count(facts.present)} rows (${percent(facts.unknown / facts.present)}): ${exampleList(shown, true)}${more > 0 ? ` and ${count(more)} more` : ''}${allowance(tolerance.categories)}.`,
        facts.unknown,
      ),
    );
  }
  return found;
}

const exceeds = (broken: number, of: number, tolerance: number): boolean =>
  broken > 0 && broken / of > tolerance;

const allowance = (tolerance: number): string =>
  tolerance > 0 ? `; at most ${percent(tolerance)} may be` : '';

function exampleList(examples: readonly string[], quoted: boolean): string {
  return examples.map((example) => (quoted ? `'${example}'` : example)).join(', ');
}

function rangeText(range: NonNullable<ColumnConstraint['range']>): string {
  if (range.min !== null && range.max !== null)
    return `outside the range ${number(range.min)} to ${number(range.max)}`;
  if (range.min !== null) return `below ${number(range.min)}`;
  return `above ${number(range.max ?? NaN)}`;
}
