import { Command, CommanderError } from 'commander';
import { engineName } from '../../shared/containers/engineName.js';
import { formatCount } from '../../shared/format/numbers.js';
import { APP_VERSION } from '../rpc/appVersion.js';
import { createWorkbench } from '../rpc/workbench.js';
import { startBrowserHost } from '../server/browserHost.js';
import { forkWorker, type SpawnWorker, type WorkerProcess } from '../services/workerHost/index.js';
import { dataWorker } from '../server/dataWorker.js';
import { defaultWorkspaceRoot } from '../services/workspace/index.js';
import { registerContainerCommands } from './containerCommands.js';
import { registerDataCommands } from './dataCommands.js';
import { registerConvertCommands } from './convertCommands.js';
import { registerDriftCommands } from './driftCommands.js';
import { registerDriftMonitorCommands } from './driftMonitorCommands.js';
import { registerDriftConstraintsCommands } from './driftConstraintsCommands.js';
import { registerDriftSimulateCommands } from './driftSimulateCommands.js';
import type { CliLayout } from './layout.js';
import { registerModelCommands } from './modelCommands.js';
import { registerModelRunCommands } from './modelRunCommands.js';
import { registerModelShapesCommand } from './modelShapesCommand.js';
import { watchStopSignals, type Interruption } from './interrupt.js';
import { createOutput, guardedIo, processIo, type CliIo } from './output.js';
import { registerTableCommands } from './tableCommands.js';
import { createCliSession, type CliSession } from './session.js';

interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  verbose?: boolean;
  dockerHost?: string;
}

/** What a run shares with its commands: the stop signals, and the worker processes it started. */
interface RunContext {
  interruption: Interruption;
  workers: Set<WorkerProcess>;
}

/** How the CLI was started: where its files are, and a data worker its entry may have started. */
export interface CliLaunch {
  layout: CliLayout;
  /** Started early by the entry (dataWorkerPrestart.ts); else the data worker forks when needed. */
  prestartedDataWorker?: SpawnWorker | undefined;
}

/** Builds `mlw`; `run` resolves to the exit code so tests can drive it in-process. */
function buildProgram(
  io: CliIo,
  run: RunContext,
  { layout, prestartedDataWorker }: CliLaunch,
): { program: Command; exitCode: () => number } {
  let exitCode = 0;
  const program = new Command('mlw')
    .description('MLOps Workbench on the command line: the same services as the app, for scripts and CI.')
    .version(APP_VERSION, '-V, --version')
    .option('-w, --workspace <dir>', 'the workspace folder (default: $MLW_WORKSPACE or ~/MLOpsWorkbench)')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('-v, --verbose', 'print stack traces with errors')
    .option('--docker-host <url>', 'the Docker engine (default: $DOCKER_HOST or the local socket)')
    .showHelpAfterError('(run mlw --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const outputFor = (options: GlobalOptions) =>
    createOutput({ json: options.json ?? false, verbose: options.verbose ?? false, io });

  const { interruption } = run;
  // Rejects once a stop signal arrives; handled here so a stop after the work ended is no error.
  const stop = interruption.stopped.then(() => Promise.reject(interruption.error()));
  stop.catch(() => undefined);
  // Every worker this run starts is known, so a forced stop can kill what is left.
  const tracked =
    (spawn: SpawnWorker): SpawnWorker =>
    (env) => {
      const worker = spawn(env);
      run.workers.add(worker);
      worker.onExit(() => run.workers.delete(worker));
      return worker;
    };
  const spawnModelWorker = tracked(forkWorker(layout.modelWorker));
  const spawnData = prestartedDataWorker ?? dataWorker(layout.dataWorker);
  const spawnDataWorker = spawnData ? tracked(spawnData) : undefined;

  const withSession = async (work: (session: CliSession) => Promise<void>): Promise<void> => {
    const options = globals();
    const output = outputFor(options);
    try {
      const workbench = await createWorkbench({
        workspaceRoot: options.workspace ?? defaultWorkspaceRoot(),
        host: 'cli',
        appVersion: APP_VERSION,
        ...(options.dockerHost ? { dockerHost: options.dockerHost } : {}),
        // Tests point MLW_MODEL_WORKER at a worker bundled from source (there is no out/ build then).
        spawnModelWorker,
        servingBundle: layout.serving,
        ...(spawnDataWorker ? { spawnDataWorker } : {}),
        // Model and engine commands never query DuckDB: its worker starts with the first query.
        dataWorkerStart: 'on-first-use',
        reportInternalError: (error) => {
          if (options.verbose)
            io.err(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        },
      });
      try {
        // On a stop the work is left to end by itself: dispose cancels its jobs (each removes its own
        // staging copy) and kills the model worker, and waits for both.
        const done = work(createCliSession(workbench, output));
        done.catch(() => undefined);
        await Promise.race([done, stop]);
      } finally {
        await workbench.dispose();
      }
    } catch (error) {
      exitCode = output.error(interruption.received ? interruption.error() : error);
    }
  };

  registerDataCommands(program, withSession);
  registerTableCommands(program, withSession);
  registerModelCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerModelRunCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerModelShapesCommand(program, withSession);
  registerContainerCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerDriftCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerDriftMonitorCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerDriftConstraintsCommands(program, withSession);
  registerDriftSimulateCommands(program, withSession, (code) => {
    exitCode = code;
  });
  registerConvertCommands(program, withSession, (code) => {
    exitCode = code;
  });

  program
    .command('engine')
    .description('Show the Docker engine the workbench uses; exits 1 when it is not reachable')
    .action(() =>
      withSession(async ({ call, output }) => {
        const status = await call('containers.engine', {});
        const name = engineName(status);
        output.result(status, () =>
          status.reachable
            ? `${name} ${status.version} (API ${status.apiVersion}, ${status.os}/${status.arch}) at ${status.endpoint}: ${formatCount(status.containersRunning ?? 0)} running, ${formatCount(status.images ?? 0)} images`
            : `${name} is not reachable at ${status.endpoint}\n  ${status.error?.message ?? ''}\n  hint: ${status.error?.hint ?? ''}`,
        );
        if (!status.reachable) exitCode = 1;
      }),
    );

  program
    .command('serve')
    .description('Start browser mode on 127.0.0.1 and print its address (with its access token)')
    .option('-p, --port <port>', 'port to listen on (default: a free one)', '0')
    .action(async (options: { port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`mlw: --port must be a whole number from 0 to 65535, not "${options.port}".\n`);
        exitCode = 2;
        return;
      }
      const { workspace, dockerHost } = globals();
      const host = await startBrowserHost({
        workspaceRoot: workspace ?? defaultWorkspaceRoot(),
        staticDir: layout.renderer,
        modelWorkerEntry: layout.modelWorker,
        ...(layout.dataWorker ? { dataWorkerEntry: layout.dataWorker } : {}),
        servingBundle: layout.serving,
        port,
        ...(dockerHost ? { dockerHost } : {}),
      });
      io.out(`MLOps Workbench (browser mode) is serving workspace ${host.workbench.workspace.root}\n`);
      io.out('Open this address in your browser (it holds the access token; keep it private):\n');
      io.out(`MLW_URL=${host.server.url}\n`);
      await interruption.stopped;
      await host.stop();
    });

  return { program, exitCode: () => exitCode };
}

export async function runCli(argv: string[], launch: CliLaunch, rawIo: CliIo = processIo): Promise<number> {
  const io = guardedIo(rawIo);
  const workers = new Set<WorkerProcess>();
  const interruption = watchStopSignals({
    // A second signal, or cleanup that takes too long: kill what is left and go, now.
    force: (code) => {
      io.err('mlw: stopping now, without waiting for the cleanup.\n');
      for (const worker of workers) worker.kill();
      process.exit(code);
    },
  });
  const { program, exitCode } = buildProgram(io, { interruption, workers }, launch);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; commander already printed the usage problem.
      return error.exitCode === 0 ? 0 : 2;
    }
    return createOutput({
      json: argv.includes('--json'),
      verbose: argv.includes('--verbose') || argv.includes('-v'),
      io,
    }).error(error);
  } finally {
    interruption.dispose();
  }
  return interruption.exitCode() ?? exitCode();
}
