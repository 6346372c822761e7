export { createDriftService, type DriftService, type DriftServiceDeps } from './driftService.js';
export {
  createMonitorService,
  intervalTimers,
  type DeploymentPresence,
  type MonitorService,
  type MonitorServiceDeps,
  type Timers,
} from './monitors.js';
