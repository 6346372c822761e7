export { createDuckDb, sqlIdentifier, sqlString } from './duckdb.js';
export type { DuckDb, DuckDbSession, RunOptions } from './duckdb.js';
export { jsonScalar, jsonText } from './jsonValues.js';
