import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultWorkspaceRoot } from '../services/workspace/index.js';
import { startBrowserHost } from './browserHost.js';

/** `node out/main/browser.js [--workspace DIR] [--port N] [--docker-host URL]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      port: { type: 'string', default: '0' },
      'docker-host': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`mlw: --port must be a whole number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  const host = await startBrowserHost({
    workspaceRoot: values.workspace ?? defaultWorkspaceRoot(),
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    modelWorkerEntry: fileURLToPath(new URL('./modelWorker.js', import.meta.url)),
    dataWorkerEntry: fileURLToPath(new URL('./dataWorker.js', import.meta.url)),
    servingBundle: fileURLToPath(new URL('../serving', import.meta.url)),
    port,
    ...(values['docker-host'] ? { dockerHost: values['docker-host'] } : {}),
  });
  console.log(`MLOps Workbench (browser mode) is serving workspace ${host.workbench.workspace.root}`);
  console.log('Open this address in your browser (it holds the access token; keep it private):');
  console.log(`MLW_URL=${host.server.url}`);
  const stop = (): void => {
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`mlw: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
