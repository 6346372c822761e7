// The model worker process: ONNX Runtime sessions live here, so a native crash or an out-of-memory
// in a user's model ends this process and not the workbench. Started by modelHost.ts, as a
// child_process fork (browser mode, CLI) or an Electron utilityProcess (the app).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as ort from 'onnxruntime-node';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import { checkModel, inspect, readOnnxModel } from '../onnx/index.js';
import { isExchangePath, openExchangeFile } from './exchangeFile.js';
import type { WorkerHello, WorkerRequest, WorkerResponse } from './protocol.js';
import { fromWire, reusedBuffers, toWire } from './wireTensors.js';
import { providerInfo } from './providerInfo.js';
import { createWorkerSessions } from './workerSessions.js';

interface ParentPort {
  post(message: WorkerHello | WorkerResponse): void;
  onMessage(listener: (message: WorkerRequest) => void): void;
}

/** The part of Electron's process.parentPort a utilityProcess child uses. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utilityProcess talks through process.parentPort; a fork through process.send. */
function parentPort(): ParentPort {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort)
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as WorkerRequest)),
    };
  if (!process.send) throw new Error('The model worker must be started by the workbench (no IPC channel).');
  const send = process.send.bind(process);
  return {
    post: (message) => send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as WorkerRequest)),
  };
}

const exchangePath = process.env.MLW_MODEL_EXCHANGE;
if (!exchangePath) throw new Error('MLW_MODEL_EXCHANGE is not set.');
const exchange = openExchangeFile(exchangePath);
// However this worker ends short of SIGKILL, its exchange folder goes with it; and when the host
// process is gone (killed, crashed) the IPC channel closes and nothing is left to work for.
process.on('exit', () => {
  if (isExchangePath(exchangePath)) rmSync(dirname(exchangePath), { recursive: true, force: true });
});
process.on('disconnect', () => process.exit(0));
const sessions = createWorkerSessions();
const inputBuffers = reusedBuffers();
const port = parentPort();

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      return sessions.open(request.path, request.settings);
    case 'run': {
      const feeds = fromWire(request.feeds, exchange, inputBuffers);
      const { outputs, runMs } = await sessions.run(request.sessionId, feeds);
      return { outputs: toWire(outputs, exchange, request.outputOffset).wire, runMs };
    }
    case 'bench':
      return sessions.bench(
        request.sessionId,
        fromWire(request.feeds, exchange),
        request.warmup,
        request.runs,
      );
    case 'openObserved':
      return sessions.openObserved(request.path, request.settings);
    case 'shapes':
      return sessions.shapes(request.sessionId, fromWire(request.feeds, exchange), request.fetches);
    case 'close':
      return sessions.close(request.sessionId);
    case 'providers':
      return providerInfo(ort.listSupportedBackends());
    case 'inspect': {
      const model = await readOnnxModel(request.path);
      return { summary: inspect(model), findings: checkModel(model) };
    }
  }
}

port.onMessage((request) => {
  handle(request).then(
    (value) => port.post({ id: request.id, ok: true, value }),
    (error: unknown) =>
      port.post({
        id: request.id,
        ok: false,
        error: isWorkbenchError(error)
          ? error.toShape()
          : new WorkbenchError({
              code: 'INTERNAL',
              message: `The model worker failed: ${error instanceof Error ? error.message : String(error)}`,
            }).toShape(),
      }),
  );
});
port.post({ ready: true, pid: process.pid, ortVersion: ort.env.versions.common ?? 'unknown' });
