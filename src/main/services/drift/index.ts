export { createDriftService, type DriftService, type DriftServiceDeps } from './driftService.js';
export {
  createMonitorService,
  intervalTimers,
  type DeploymentPresence,
  type MonitorService,
  type MonitorServiceDeps,
  type Timers,
} from './monitors.js';
export { createSimulator, type Simulator, type SimulatorDeps } from './simulate.js';
export { createReplayer, type Replayer, type ReplayerDeps } from './replay.js';
