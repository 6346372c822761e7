import type { DriftSettings } from '../contract/drift.js';

export interface SideColumn {
  name: string;
  /** The DuckDB type: DOUBLE, BIGINT, DECIMAL(10,2), VARCHAR, BOOLEAN, TIMESTAMP, STRUCT(...). */
  type: string;
}

/** What a column's values are, as far as comparing them goes. */
export type ValueClass = 'numeric' | 'boolean' | 'text' | 'time' | 'nested';

const NUMERIC =
  /^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/;

export function valueClass(type: string): ValueClass {
  const upper = type.toUpperCase();
  if (NUMERIC.test(upper)) return 'numeric';
  if (upper === 'BOOLEAN') return 'boolean';
  if (upper === 'VARCHAR' || upper === 'UUID' || upper.startsWith('ENUM')) return 'text';
  if (/^(DATE|TIME|TIMESTAMP|INTERVAL)/.test(upper)) return 'time';
  return 'nested';
}

/** A baseline column and the current column it is compared with. */
export interface ColumnPair {
  column: string;
  currentColumn: string;
  baselineClass: ValueClass;
  currentClass: ValueClass;
}

export type SchemaProblem = 'missing-in-current' | 'extra-in-current' | 'type-mismatch' | 'ignored';

export interface SchemaIssue {
  column: string;
  problem: SchemaProblem;
  message: string;
}

export interface PairedColumns {
  pairs: ColumnPair[];
  issues: SchemaIssue[];
  /** Set when the current side's columns were matched to the baseline's by position (captured tensors). */
  byPosition: string | null;
}

type PairSettings = Pick<DriftSettings, 'mapping' | 'ignore' | 'label' | 'timeColumn'>;

/**
 * Pairs each baseline column with its current column: by the mapping, then by name; when nothing
 * matches by name and the current side holds one captured tensor (`input[0]`, `input[1]`, ...) as
 * wide as the baseline's numeric columns, by position, as the model server fed them.
 */
export function pairColumns(
  baseline: readonly SideColumn[],
  current: readonly SideColumn[],
  settings: PairSettings,
): PairedColumns {
  const ignored = new Set(settings.ignore);
  const skipped = new Set([...ignored, ...(settings.label ? [settings.label] : [])]);
  const currentByName = new Map(current.map((column) => [column.name, column]));
  const mapping = { ...settings.mapping, ...positionalMapping(baseline, current, settings, skipped) };
  const byPosition =
    Object.keys(mapping).length > Object.keys(settings.mapping).length
      ? `The current side's ${tensorName(current) ?? 'tensor'} values were matched to the baseline's numeric columns in order.`
      : null;
  const issues: SchemaIssue[] = [];
  const pairs: ColumnPair[] = [];
  const used = new Set<string>();
  for (const column of baseline) {
    if (ignored.has(column.name)) {
      issues.push({
        column: column.name,
        problem: 'ignored',
        message: `${column.name} is ignored by the settings.`,
      });
      continue;
    }
    if (column.name === settings.label) continue;
    const currentName = mapping[column.name] ?? column.name;
    const match = currentByName.get(currentName);
    if (!match) {
      issues.push({
        column: column.name,
        problem: 'missing-in-current',
        message:
          currentName === column.name
            ? `${column.name} is in the baseline but not in the current data.`
            : `${column.name} is mapped to ${currentName}, which the current data does not have.`,
      });
      continue;
    }
    used.add(match.name);
    const baselineClass = valueClass(column.type);
    const currentClass = valueClass(match.type);
    if (baselineClass === 'time' || baselineClass === 'nested') {
      issues.push({
        column: column.name,
        problem: 'ignored',
        message: `${column.name} holds ${baselineClass === 'time' ? 'dates or times' : `nested values (${column.type})`}, which are not compared.`,
      });
      continue;
    }
    pairs.push({ column: column.name, currentColumn: match.name, baselineClass, currentClass });
  }
  for (const column of current) {
    if (used.has(column.name) || column.name === settings.timeColumn || column.name === settings.label)
      continue;
    if (skipped.has(column.name)) continue;
    issues.push({
      column: column.name,
      problem: 'extra-in-current',
      message: `${column.name} is in the current data but not in the baseline.`,
    });
  }
  return { pairs, issues, byPosition };
}

/** Why two sides' columns cannot be compared, or null when they can. */
export function classMismatch(pair: ColumnPair, baselineType: string, currentType: string): string | null {
  const { baselineClass: a, currentClass: b } = pair;
  if (a === b) return null;
  if ((a === 'numeric' && b === 'boolean') || (a === 'boolean' && b === 'numeric')) return null;
  return `${pair.column} is ${describe(a)} in the baseline (${baselineType}) but ${describe(b)} in the current data (${currentType}).`;
}

function describe(valueClass: ValueClass): string {
  return valueClass === 'text' ? 'text' : valueClass === 'time' ? 'dates or times' : valueClass;
}

const TENSOR_ELEMENT = /^(.+)\[(\d+)\]$/;

function tensorName(columns: readonly SideColumn[]): string | undefined {
  const names = new Set(columns.map((column) => TENSOR_ELEMENT.exec(column.name)?.[1]).filter(Boolean));
  return names.size === 1 ? [...names][0] : undefined;
}

function positionalMapping(
  baseline: readonly SideColumn[],
  current: readonly SideColumn[],
  settings: PairSettings,
  skipped: ReadonlySet<string>,
): Record<string, string> {
  const currentNames = new Set(current.map((column) => column.name));
  const candidates = baseline.filter(
    (column) => !skipped.has(column.name) && settings.mapping[column.name] === undefined,
  );
  if (candidates.some((column) => currentNames.has(column.name))) return {};
  const tensor = tensorName(current);
  if (!tensor) return {};
  const elements = current
    .filter((column) => TENSOR_ELEMENT.exec(column.name)?.[1] === tensor)
    .sort((a, b) => Number(TENSOR_ELEMENT.exec(a.name)?.[2]) - Number(TENSOR_ELEMENT.exec(b.name)?.[2]));
  const numeric = candidates.filter((column) => valueClass(column.type) === 'numeric');
  if (numeric.length !== elements.length) return {};
  return Object.fromEntries(numeric.map((column, i) => [column.name, elements[i]?.name ?? '']));
}
