import type { ColumnConstraint, Constraints } from '../../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { DuckDbSession, RunOptions } from '../../duckdb/index.js';
import { readBaselineFacts, type BaselineColumnFacts } from './baselineFacts.js';
import { isNumericType } from './columnTypes.js';

export interface SuggestOptions {
  /** Columns left out of the constraints. */
  ignore?: readonly string[] | undefined;
  /** A string column with at most this many distinct values gets its categories listed (Deequ: 120). */
  maxCategories?: number | undefined;
  allowExtraColumns?: boolean | undefined;
  /** The baseline as people know it, recorded in the file with its row count. */
  baseline?: { label: string; sha256: string } | undefined;
  signal?: AbortSignal | undefined;
}

/** Deequ's CategoricalRangeRule: a column is categorical when at most this share of its values occur once. */
const MAX_SINGLETON_SHARE = 0.1;
/** The z of a 95 % interval, as Deequ's RetainCompletenessRule uses. */
const Z = 1.96;

/**
 * Constraints the baseline itself meets, the way SageMaker Model Monitor's baselining job (Deequ's
 * suggestion rules) makes them: each column's type, a completeness the current side must reach,
 * the numeric range and the categories of a string column with few distinct values.
 */
export async function suggestConstraints(
  session: DuckDbSession,
  relationSql: string,
  options: SuggestOptions = {},
): Promise<Constraints> {
  const run: RunOptions = { signal: options.signal };
  const ignored = new Set(options.ignore ?? []);
  const described = await session.rows(`DESCRIBE SELECT * FROM ${relationSql}`, run);
  const columns = described
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => !ignored.has(column.name));
  const maxCategories = options.maxCategories ?? 120;
  const facts = await readBaselineFacts(session, relationSql, columns, maxCategories, run);
  if (facts.rows === 0)
    throw new WorkbenchError({
      code: 'DATASET_EMPTY',
      message: 'The baseline has no rows, so there is nothing to suggest constraints from.',
      hint: 'Choose a baseline with data: the rows the model was trained or validated on.',
    });
  return {
    schemaVersion: 1,
    ...(options.baseline ? { suggestedFrom: { ...options.baseline, rows: facts.rows } } : {}),
    allowExtraColumns: options.allowExtraColumns ?? false,
    tolerance: { type: 0, categories: 0 },
    columns: facts.columns.map((fact) => columnConstraint(fact, facts.rows, maxCategories)),
  };
}

function columnConstraint(fact: BaselineColumnFacts, rows: number, maxCategories: number): ColumnConstraint {
  return {
    column: fact.name,
    type: fact.type,
    completeness: suggestedCompleteness(fact.present / rows, rows),
    range: isNumericType(fact.type) && fact.min !== null ? { min: fact.min, max: fact.max } : null,
    categories: categoriesOf(fact.counts, maxCategories),
  };
}

/**
 * A complete column must stay complete; an incomplete one gets the lower end of a 95 % interval of
 * its completeness, rounded down to two decimals, so that a current sample as complete as the
 * baseline passes (Deequ's RetainCompletenessRule).
 */
export function suggestedCompleteness(share: number, rows: number): number {
  if (share >= 1) return 1;
  const bound = share - Z * Math.sqrt((share * (1 - share)) / rows);
  return Math.max(0, Math.floor(bound * 100 + 1e-9) / 100);
}

/** The categories, most frequent first, when there are few and most occur more than once. */
function categoriesOf(counts: BaselineColumnFacts['counts'], maxCategories: number): string[] | null {
  if (!counts || counts.length === 0 || counts.length > maxCategories) return null;
  const singletons = counts.filter((entry) => entry.count === 1).length;
  if (singletons / counts.length > MAX_SINGLETON_SHARE) return null;
  return [...counts]
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map((entry) => entry.value);
}
