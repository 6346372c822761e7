import { describe, expect, it } from 'vitest';
import { datasetProblems, emptyDatasetState, guessMapping } from './datasetMapping.js';

const inputs = [
  { name: 'features', type: 'float32' as const, shape: ['N', 3] },
  { name: 'age', type: 'float32' as const, shape: ['N'] },
];

describe('data set rows mapped to inputs', () => {
  it('picks a column named like an input', () => {
    expect(
      guessMapping(
        inputs,
        ['id', 'age', 'height'].map((name) => ({ name, type: 'DOUBLE' })),
      ),
    ).toEqual({ age: ['age'] });
  });

  it('asks for the data set, then for columns, and counts them against a fixed width', () => {
    expect(datasetProblems(inputs, emptyDatasetState)).toEqual({
      '': 'Choose the data set whose rows feed the model.',
    });
    const chosen = { ...emptyDatasetState, slug: 'people', mapping: { features: ['a', 'b'] } };
    expect(datasetProblems(inputs, chosen)).toEqual({
      features: 'features takes 3 values per row; 2 columns are chosen.',
      age: 'Choose the column(s) that fill age.',
    });
    const complete = { ...chosen, mapping: { features: ['a', 'b', 'c'], age: ['age'] } };
    expect(datasetProblems(inputs, complete)).toEqual({});
  });

  it('sends an input of more than two dimensions back to Values', () => {
    const image = { name: 'image', type: 'float32' as const, shape: ['N', 3, 8, 8] };
    const state = { ...emptyDatasetState, slug: 'people', mapping: { image: ['a'] } };
    expect(datasetProblems([image], state)).toEqual({
      image:
        'image has 4 dimensions; data set rows fill only 1-D ([rows]) and 2-D ([rows, columns]) inputs. Use Values to give it an array.',
    });
  });
});
