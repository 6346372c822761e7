import type { ValueInfo } from '../../../../shared/contract/models.js';
import { guessColumnMapping } from '../../../../shared/models/columnMapping.js';

/** Rows of a workspace data set as the model's inputs: which data set, which columns feed each input. */
export interface DatasetState {
  slug: string | null;
  /** The chosen data set's display name, for the outputs' caption. */
  name: string;
  /** Input name → its columns, in order. */
  mapping: Record<string, string[]>;
  offset: number;
  limit: number;
}

export const emptyDatasetState: DatasetState = { slug: null, name: '', mapping: {}, offset: 0, limit: 100 };

/**
 * Picked when a data set is chosen, as a load test without a mapping would: columns named like the
 * inputs, or the numeric columns for a model's only input.
 */
export const guessMapping = guessColumnMapping;

/** What must be chosen before the batch can run, by input name ('' for the data set itself). */
export function datasetProblems(inputs: readonly ValueInfo[], state: DatasetState): Record<string, string> {
  if (state.slug === null) return { '': 'Choose the data set whose rows feed the model.' };
  const problems: Record<string, string> = {};
  for (const input of inputs) {
    const chosen = state.mapping[input.name] ?? [];
    const width = input.shape?.[1];
    const rank = input.shape?.length ?? 2;
    if (rank !== 1 && rank !== 2)
      problems[input.name] =
        `${input.name} has ${rank} dimensions; data set rows fill only 1-D ([rows]) and 2-D ([rows, columns]) inputs. Use Values to give it an array.`;
    else if (chosen.length === 0) problems[input.name] = `Choose the column(s) that fill ${input.name}.`;
    else if (input.shape?.length === 2 && typeof width === 'number' && width > 0 && chosen.length !== width)
      problems[input.name] =
        `${input.name} takes ${width} values per row; ${chosen.length} ${chosen.length === 1 ? 'column is' : 'columns are'} chosen.`;
  }
  return problems;
}
