import { describe, expect, it } from 'vitest';
import type { ValueInfo } from '../../../shared/contract/models.js';
import { checkMappedColumns, defaultMapping, rowsToRead, sliceRows } from './datasetPayload.js';

const features: ValueInfo = { name: 'features', type: 'float32', shape: ['batch', 4] };
const iris = [
  { name: 'sepal_length', type: 'DOUBLE' },
  { name: 'sepal_width', type: 'DOUBLE' },
  { name: 'petal_length', type: 'DECIMAL(4,1)' },
  { name: 'petal_width', type: 'BIGINT' },
  { name: 'species', type: 'VARCHAR' },
];

describe('defaultMapping', () => {
  it("fills a model's only input with every numeric column, in order", () => {
    expect(defaultMapping([features], iris, 'iris')).toEqual({
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    });
  });

  it('takes the columns named like the inputs first', () => {
    const inputs: ValueInfo[] = [
      { name: 'age', type: 'float32', shape: ['batch'] },
      { name: 'height', type: 'float32', shape: ['batch'] },
    ];
    const columns = [
      { name: 'height', type: 'DOUBLE' },
      { name: 'id', type: 'BIGINT' },
      { name: 'age', type: 'DOUBLE' },
    ];
    expect(defaultMapping(inputs, columns, 'people')).toEqual({ age: ['age'], height: ['height'] });
  });

  it('says which columns it found when they do not fit the input', () => {
    const three = iris.filter((column) => column.name !== 'petal_width');
    expect(() => defaultMapping([features], three, 'iris')).toThrow(
      "The model's input features takes 4 values per row; iris has 3 numeric columns (sepal_length, sepal_width, petal_length), so say which fill it.",
    );
    expect(() => defaultMapping([features], [{ name: 'species', type: 'VARCHAR' }], 'iris')).toThrow(
      "iris has no numeric columns to fill the model's input features (its columns: species).",
    );
    const two: ValueInfo[] = [features, { name: 'mask', type: 'bool', shape: ['batch', 4] }];
    expect(() => defaultMapping(two, iris, 'iris')).toThrow(
      /^The model has inputs features, mask; iris has no columns named like them/,
    );
  });
});

describe('checkMappedColumns', () => {
  it('names a mapped column the data set does not have', () => {
    expect(() => checkMappedColumns({ features: ['sepal_length', 'nosuch'] }, iris, 'iris')).toThrow(
      'iris has no column nosuch (mapped to features); its columns: sepal_length, sepal_width, petal_length, petal_width, species.',
    );
    expect(() => checkMappedColumns({ features: ['species'] }, iris, 'iris')).not.toThrow();
  });
});

describe('rowsToRead', () => {
  it('reads a body per batch, up to the number of bodies, in whole batches', () => {
    expect(rowsToRead({ rows: 150, offset: 0, datasetName: 'iris' }, 4, 16)).toBe(64);
    expect(rowsToRead({ rows: 10, offset: 0, datasetName: 'iris' }, 4, 16)).toBe(8);
    expect(rowsToRead({ rows: 10, offset: 3, datasetName: 'iris' }, 1, 16)).toBe(7);
  });

  it('refuses a data set too short for one request', () => {
    expect(() => rowsToRead({ rows: 3, offset: 0, datasetName: 'tiny' }, 8, 16)).toThrow(
      'tiny has 3 rows: too few for one request of 8 rows.',
    );
    expect(() => rowsToRead({ rows: 10, offset: 10, datasetName: 'tiny' }, 1, 16)).toThrow(
      'tiny has 10 rows, 0 of them from row 11: too few for one request of 1 row.',
    );
  });
});

describe('sliceRows', () => {
  it('cuts every tensor along its first dimension', () => {
    const feeds = {
      x: { type: 'float32' as const, dims: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      label: { type: 'string' as const, dims: [3], data: ['a', 'b', 'c'] },
    };
    expect(sliceRows(feeds, 1, 2)).toEqual({
      x: { type: 'float32', dims: [2, 2], data: Float32Array.from([3, 4, 5, 6]) },
      label: { type: 'string', dims: [2], data: ['b', 'c'] },
    });
  });
});
