import { containerBuildsContract } from './containerBuilds.js';
import { containerShipContract } from './containerShip.js';
import { containerDeploymentsContract } from './containerDeployments.js';
import { containersContract, containersStreams } from './containers.js';
import { containerLoadtestsContract } from './containerLoadtests.js';
import { datasetsContract } from './datasets.js';
import { conversionContract } from './conversion.js';
import { driftContract, driftStreams } from './drift.js';
import type { ProcedureDefinition, StreamDefinition } from './define.js';
import { jobsContract, jobsStreams } from './jobs.js';
import { modelRegistryContract } from './modelRegistry.js';
import { modelsContract } from './models.js';
import { notebooksContract } from './notebooks.js';
import { systemContract } from './system.js';
import { tablesContract } from './tables.js';

export const contract = {
  ...systemContract,
  ...jobsContract,
  ...datasetsContract,
  ...tablesContract,
  ...containersContract,
  ...containerBuildsContract,
  ...containerDeploymentsContract,
  ...containerShipContract,
  ...containerLoadtestsContract,
  ...notebooksContract,
  ...modelsContract,
  ...modelRegistryContract,
  ...driftContract,
  ...conversionContract,
} as const satisfies Record<string, ProcedureDefinition>;

export const streams = {
  ...jobsStreams,
  ...containersStreams,
  ...driftStreams,
} as const satisfies Record<string, StreamDefinition>;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type Streams = typeof streams;
export type StreamName = keyof Streams;

export const procedureNames = Object.keys(contract) as ProcedureName[];
export const streamNames = Object.keys(streams) as StreamName[];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(streams, name);
}

export * from './define.js';
export * from './errors.js';
export * from './jobs.js';
export * from './datasets.js';
export * from './drift.js';
export * from './conversion.js';
export * from './conversionParity.js';
export * from './conversionProvenance.js';
export * from './tables.js';
export * from './containers.js';
export * from './notebooks.js';
export * from './system.js';
export * from './envelope.js';
export * from './wire.js';
export * from './bridge.js';
