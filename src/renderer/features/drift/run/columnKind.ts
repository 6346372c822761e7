import type { ColumnProfile } from '../../../../shared/contract/profile.js';
import {
  MAX_NUMERIC_CATEGORIES,
  driftTestNames,
  driftTests,
  testApplies,
  type ColumnKind,
  type DriftTestName,
} from '../../../../shared/drift/driftTests.js';

/**
 * The kind the drift service will most likely read a baseline column as, from its profile, with
 * Evidently's rule (a number with at most five values is a category); null when the profile cannot
 * tell (dates, nested values) or the column is unknown (a file side).
 */
export function expectedKind(
  column: Pick<ColumnProfile, 'kind' | 'distinct'> | undefined,
): ColumnKind | null {
  if (!column) return null;
  const few = column.distinct <= MAX_NUMERIC_CATEGORIES;
  switch (column.kind) {
    case 'boolean':
      return 'binary';
    case 'numeric':
      return few ? (column.distinct <= 2 ? 'binary' : 'categorical') : 'numeric';
    case 'categorical':
    case 'text':
      return column.distinct <= 2 ? 'binary' : 'categorical';
    default:
      return null;
  }
}

export interface TestOption {
  value: DriftTestName;
  label: string;
}

/** The tests offered for a column of this kind (all of them, grouped, when the kind is unknown). */
export function testOptions(kind: ColumnKind | null): { group: string; items: TestOption[] }[] {
  const option = (test: DriftTestName): TestOption => ({
    value: test,
    label: `${driftTests[test].label} (${driftTests[test].score === 'p_value' ? 'p-value' : 'distance'})`,
  });
  if (kind)
    return [
      { group: `For ${kind} columns`, items: driftTestNames.filter((t) => testApplies(t, kind)).map(option) },
    ];
  return [
    { group: 'Numeric columns', items: driftTestNames.filter((t) => testApplies(t, 'numeric')).map(option) },
    {
      group: 'Categorical only',
      items: driftTestNames.filter((t) => !testApplies(t, 'numeric')).map(option),
    },
  ];
}
