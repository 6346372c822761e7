// The data worker process: DuckDB's instances and connections live here, so a native crash or an
// out-of-memory on a user's file ends this process and not the workbench. Started by client.ts, as
// a child_process fork (browser mode, CLI) or an Electron utilityProcess (the app).
import { parentPort, receiveEnvironment } from '../workerHost/index.js';
import { columnThreads, columnThreadEntry } from './drift/columnThreads.js';
import { createEngine } from './engine.js';
import { errorReply } from './reply.js';
import { ENGINE_CONFIG_ENV, type DataRequest, type EngineConfig } from './protocol.js';

const port = parentPort<DataRequest>('data worker');
await receiveEnvironment();
const config = JSON.parse(process.env[ENGINE_CONFIG_ENV] ?? 'null') as EngineConfig | null;
if (!config) throw new Error(`${ENGINE_CONFIG_ENV} is not set.`);
const engine = await createEngine(config, { columnWork: columnThreads(columnThreadEntry(import.meta.url)) });

port.onMessage((request) => {
  engine
    .handle(request, (event) => port.post({ id: request.id, event }))
    .then(
      (value) => port.post({ id: request.id, ok: true, value }),
      (error: unknown) => port.post(errorReply(request.id, error)),
    );
});
port.post({ ready: true, pid: process.pid, version: engine.version });
