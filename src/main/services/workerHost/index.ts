export {
  forkWorker,
  prestartWorker,
  STDERR_TAIL,
  type SpawnWorker,
  type WorkerExit,
  type WorkerProcess,
} from './workerProcess.js';
export {
  createWorkerSupervisor,
  describeExit,
  withWhat,
  type LiveWorker,
  type WorkerSupervisor,
} from './supervisor.js';
export { isHello, type WorkerHello, type WorkerReply } from './protocol.js';
export { parentPort, receiveEnvironment, type ParentPort } from './parentPort.js';
