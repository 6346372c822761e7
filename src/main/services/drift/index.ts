export { createDriftService, type DriftService, type DriftServiceDeps } from './driftService.js';
export { createSimulator, type Simulator, type SimulatorDeps } from './simulate.js';
