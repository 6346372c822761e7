/** Messages between the main process and the data worker (DuckDB). Results are small: pages, aggregates. */
import type { DriftComputeRequest } from './drift/computeDrift.js';

/**
 * The worker holds two DuckDB instances, because DuckDB's access settings are instance-wide:
 * `service` runs the workbench's own SQL over paths the rpc layer already confined (an import from
 * the source the user chose, a profile); `confined` runs the SQL a user writes or steers (notebook
 * cells, table filters) and can reach only `confinedTo` and its temp directory.
 */
export type InstanceName = 'service' | 'confined';

export interface EngineConfig {
  tempDirectory?: string | undefined;
  threads?: number | undefined;
  memoryLimit?: string | undefined;
  /** The folders the confined instance may read and write (the workspace's datasets folder). */
  confinedTo: string[];
}

export type SqlParam = string | number | boolean | null;

export type DataRequest =
  | { id: number; op: 'connect'; instance: InstanceName }
  | { id: number; op: 'disconnect'; connection: number }
  | {
      id: number;
      op: 'query';
      connection: number;
      sql: string;
      params?: SqlParam[] | undefined;
      /** Rows as objects, as arrays (in column order), or none. */
      read: 'objects' | 'arrays' | 'none';
      progress: boolean;
    }
  | {
      id: number;
      op: 'script';
      connection: number;
      sql: string;
      limit: number;
      offset: number;
      progress: boolean;
    }
  | { id: number; op: 'drift'; connection: number; request: DriftComputeRequest; progress: boolean }
  | { id: number; op: 'interrupt'; connection: number };

/** A script's last result, one page of it, with the count of all its rows. */
export interface ScriptPage {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  totalRows: number;
}

/** The event a running request sends while DuckDB can tell how far it is. */
export interface ProgressEvent {
  progress: number;
}

/** The environment variable that carries the EngineConfig (as JSON) to a started worker. */
export const ENGINE_CONFIG_ENV = 'MLW_DATA_ENGINE_CONFIG';
