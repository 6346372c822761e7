import type { ColumnConstraint } from '../../../../shared/contract/drift.js';
import { valueClass, type ValueClass } from '../../../../shared/drift/columnPairs.js';

export type ConstraintType = ColumnConstraint['type'];

const INTEGRAL = /^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|DECIMAL\(\d+,\s*0\))$/;

/** The constraint type a DuckDB column type stands for (text that reads as numbers is decided by its values). */
export function constraintTypeOf(duckdbType: string): ConstraintType {
  const upper = duckdbType.toUpperCase();
  switch (valueClass(upper)) {
    case 'numeric':
      return INTEGRAL.test(upper) ? 'integral' : 'fractional';
    case 'boolean':
      return 'boolean';
    case 'text':
      return 'string';
    case 'time':
      return upper.startsWith('INTERVAL') ? 'other' : 'timestamp';
    case 'nested':
      return 'other';
  }
}

export const isNumericType = (type: ConstraintType): boolean => type === 'integral' || type === 'fractional';

/** What a current column holds, as a violation message says it. */
export function describeHolding(duckdbType: string): string {
  const kind: ValueClass = valueClass(duckdbType);
  switch (kind) {
    case 'numeric':
      return constraintTypeOf(duckdbType) === 'integral' ? 'whole numbers' : 'numbers';
    case 'boolean':
      return 'true/false values';
    case 'text':
      return 'text';
    case 'time':
      return 'dates or times';
    case 'nested':
      return 'nested values';
  }
}

/** What a value must read as to fit a constraint type, one value and many, as messages say it. */
export const TYPE_NOUNS: Record<ConstraintType, readonly [string, string]> = {
  integral: ['a whole number', 'whole numbers'],
  fractional: ['a number', 'numbers'],
  string: ['text', 'text'],
  boolean: ['true or false', 'true or false'],
  timestamp: ['a date or time', 'dates or times'],
  other: ['its type', 'its type'],
};
