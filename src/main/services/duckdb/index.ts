export { sqlIdentifier, sqlString } from './duckdb.js';
export type { DuckDb, DuckDbSession, RunOptions } from './duckdb.js';
export { createDataEngine, type DataEngine, type DataEngineOptions } from './client.js';
export type { ScriptPage, SqlParam } from './protocol.js';
export { jsonScalar, jsonText } from './jsonValues.js';
export { confinementError } from './confinement.js';
export type { DriftComputeRequest, DriftComputeResult } from './drift/computeDrift.js';
