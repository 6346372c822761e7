export { createDriftService, type DriftService, type DriftServiceDeps } from './driftService.js';
export { createSimulator, type Simulator, type SimulatorDeps } from './simulate.js';
export { createReplayer, type Replayer, type ReplayerDeps } from './replay.js';
