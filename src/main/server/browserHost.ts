import { windowCaller } from '../rpc/callers.js';
import { APP_VERSION } from '../rpc/appVersion.js';
import { forkWorker } from '../services/workerHost/index.js';
import { dataWorker } from './dataWorker.js';
import { createWorkbench, type Workbench } from '../rpc/workbench.js';
import { startBrowserServer, type BrowserServer } from './browserServer.js';

export interface BrowserHostOptions {
  workspaceRoot: string;
  port?: number;
  dockerHost?: string;
  /**
   * The built renderer. Entry files pass it (out/main/*.js → out/renderer): this module is bundled
   * into a shared chunk, so its own location says nothing about where the renderer is.
   */
  staticDir: string;
  /** The built model worker (out/main/modelWorker.js), forked when a model runs. */
  modelWorkerEntry?: string;
  /** The built data worker (out/main/dataWorker.js) that holds DuckDB. */
  dataWorkerEntry?: string;
  /** The bundled model server (out/serving) that container builds copy in. */
  servingBundle?: string;
}

export interface BrowserHost {
  readonly workbench: Workbench;
  readonly server: BrowserServer;
  stop(): Promise<void>;
}

/** Builds the services and serves them to a browser on loopback, like `jupyter lab` does. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const workbench = await createWorkbench({
    workspaceRoot: options.workspaceRoot,
    host: 'browser',
    appVersion: APP_VERSION,
    ...(options.dockerHost ? { dockerHost: options.dockerHost } : {}),
    ...(options.modelWorkerEntry ? { spawnModelWorker: forkWorker(options.modelWorkerEntry) } : {}),
    spawnDataWorker: dataWorker(options.dataWorkerEntry),
    ...(options.servingBundle ? { servingBundle: options.servingBundle } : {}),
  });
  try {
    const server = await startBrowserServer({
      router: workbench.router,
      caller: windowCaller('browser', workbench.workspace, workbench.uploads),
      uploads: workbench.uploads,
      staticDir: options.staticDir,
      ...(options.port === undefined ? {} : { port: options.port }),
      onError: (error) => console.error('[browser host]', error),
      log: (line) => console.warn(`[browser host] ${line}`),
    });
    return {
      workbench,
      server,
      async stop() {
        await server.close();
        await workbench.dispose();
      },
    };
  } catch (error) {
    await workbench.dispose();
    throw error;
  }
}
