import {
  createBuildService,
  createContainerService,
  createDeploymentService,
  createOsKeychain,
  createShipService,
  createLoadTestService,
  onnxRuntimePackages,
  type ContainerService,
  type DatasetRowsSource,
} from '../services/containers/index.js';
import { createDatasetService, createTableQueries, type DatasetService } from '../services/datasets/index.js';
import { createDataEngine } from '../services/duckdb/index.js';
import { createConversionService, findConvertersDir } from '../services/conversion/index.js';
import {
  createDriftService,
  createMonitorService,
  createReplayer,
  createSimulator,
  intervalTimers,
} from '../services/drift/index.js';
import { createJobService, type JobService } from '../services/jobs/index.js';
import {
  createModelHost,
  createModelRegistry,
  createModelService,
  generateInputs,
  datasetBatch,
  runOnDataset,
  type SpawnWorker,
} from '../services/models/index.js';
import { createModelLab } from '../services/models/lab/index.js';
import { createNotebookService, type NotebookService } from '../services/notebooks/index.js';
import { WorkbenchError, isWorkbenchError } from '../../shared/contract/errors.js';
import {
  createUploadStore,
  openWorkspace,
  sweepStaleScratch,
  type UploadStore,
  type Workspace,
} from '../services/workspace/index.js';
import { createHandlers } from './handlers.js';
import { createRouter, type Router } from './router.js';

export interface WorkbenchOptions {
  workspaceRoot: string;
  host: 'electron' | 'browser' | 'cli';
  appVersion: string;
  dockerHost?: string;
  /**
   * Starts the model worker process (a fork, or Electron's utilityProcess). Without it, running a
   * model says the host has no model worker.
   */
  spawnModelWorker?: SpawnWorker;
  /**
   * Starts the data worker that holds DuckDB. Every host passes one; without it DuckDB runs in
   * this process (tests), where a native crash would end it.
   */
  spawnDataWorker?: SpawnWorker;
  /** When the data worker starts (see DataEngineOptions.start); the app and browser mode start it at once. */
  dataWorkerStart?: 'now' | 'on-first-use';
  /** The bundled model server that container builds copy in (out/serving); builds fail without one. */
  servingBundle?: string;
  /** Where bug-indicating errors (with stacks) are reported; never the user's window. */
  reportInternalError?: (error: unknown, where: string) => void;
}

export interface Workbench {
  readonly router: Router;
  readonly workspace: Workspace;
  readonly jobs: JobService;
  readonly datasets: DatasetService;
  readonly containers: ContainerService;
  readonly notebooks: NotebookService;
  readonly uploads: UploadStore;
  dispose(): Promise<void>;
}

/** The composition root: every service is built here, once, with its dependencies passed in. */
export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const report =
    options.reportInternalError ?? ((error: unknown, where: string) => console.error(`[${where}]`, error));
  const workspace = await openWorkspace(options.workspaceRoot);
  await sweepStaleScratch(workspace);
  const jobs = createJobService({ onInternalError: (error, job) => report(error, `job ${job.kind}`) });
  // This process's own spill folder, swept once it is dead.
  const duckdbTemp = workspace.scratch('duckdb');
  const engine = await createDataEngine({
    spawn: options.spawnDataWorker,
    start: options.dataWorkerStart ?? 'now',
    tempDirectory: duckdbTemp,
    // Notebook SQL and table queries reach the workspace's data sets and nothing else.
    confinedTo: [workspace.folder('datasets')],
  });
  const duckdb = engine.service;
  const datasets = createDatasetService({ workspace, jobs, duckdb });
  const containers = createContainerService(options.dockerHost ? { dockerHost: options.dockerHost } : {});
  const uploads = createUploadStore(workspace);
  const notebooks = createNotebookService({
    workspace,
    jobs,
    duckdb: engine.confined,
    datasets: {
      list: () => datasets.list(),
      importFile: (source, name) => datasets.importFile({ source, name }),
    },
  });
  // Table filters are the user's input: they run on the confined instance too.
  const tables = createTableQueries({
    workspace,
    duckdb: engine.confined,
    profileOf: async (slug) => (await datasets.get(slug)).profile,
  });
  const models = createModelService({
    host: createModelHost({
      spawn:
        options.spawnModelWorker ??
        (() => {
          throw new WorkbenchError({
            code: 'INTERNAL',
            message: 'This host was started without a model worker.',
          });
        }),
    }),
  });
  const registry = createModelRegistry({
    workspace,
    jobs,
    inspect: (path, signal) => models.inspect(path, signal),
    tryLoad: (path, signal) => models.tryLoad(path, signal),
  });
  const deployments = createDeploymentService({
    workspace,
    containers,
    resolveImage: (build) => builds.runnable(build),
  });
  // Rows of a data set as a served model's inputs, for verifications and load tests.
  const datasetRows: DatasetRowsSource = {
    dataset: async (slug) => {
      const { manifest } = await datasets.get(slug);
      const { name, rows, columns } = manifest;
      return { name, rows, columns, parquetPath: workspace.resolve('datasets', slug, manifest.data.file) };
    },
    datasetRows: (inputs, request) => datasetBatch(duckdb, inputs, request),
  };
  const builds = createBuildService({
    workspace,
    jobs,
    containers,
    deployments,
    reference: {
      open: (path, signal) => models.open(path, undefined, signal),
      run: (path, feeds, signal) => models.run(path, feeds, undefined, signal),
      generate: (inputs, { batch, seed }) => generateInputs(inputs, { batch, seed }),
    },
    rows: datasetRows,
    resolveModel: (name, version) => registry.resolve(name, version),
    runtime: () => ({ serverBundle: options.servingBundle ?? '', ...onnxRuntimePackages() }),
    workbenchVersion: options.appVersion,
  });
  const drift = createDriftService({
    workspace,
    jobs,
    duckdb,
    datasets,
    workbenchVersion: options.appVersion,
    prediction: {
      duckdb,
      models,
      resolveModel: async (name, version) => {
        const stored = await registry.resolve(name, version);
        return { version: stored.card.version, sha256: stored.card.file.sha256, path: stored.path };
      },
    },
  });
  const monitors = createMonitorService({
    workspace,
    compare: (request, ctx) => drift.compare(request, ctx),
    keep: (report) => drift.keep(report),
    now: () => new Date(),
    timers: intervalTimers,
    async deployment(name) {
      try {
        const deployment = await deployments.get(name);
        // Another workspace's deployment of that name captures into its own folder, not this one's.
        const capturing =
          deployment.state === 'running' && deployment.capture && deployment.workspace?.current;
        return capturing ? 'capturing' : 'present';
      } catch (error) {
        return isWorkbenchError(error) && error.code === 'NOT_FOUND' ? 'absent' : 'unknown';
      }
    },
    reportError: (error) => report(error, 'drift monitor'),
  });
  // The CLI only checks on demand: a schedule is for hosts that stay open.
  if (options.host !== 'cli') await monitors.start();
  const router = createRouter({
    handlers: createHandlers({
      appVersion: options.appVersion,
      duckdbVersion: () => engine.version,
      host: options.host,
      workspace,
      jobs,
      datasets,
      containers,
      builds,
      deployments,
      ship: createShipService({ workspace, jobs, containers, keychain: createOsKeychain() }),
      loadtests: createLoadTestService({
        workspace,
        jobs,
        deployments,
        buildFolder: (id) => builds.folder(id),
        resolveModel: (name, version) => registry.resolve(name, version),
        signature: (path, signal) => models.open(path, undefined, signal),
        generate: (inputs, { batch, seed }) => generateInputs(inputs, { batch, seed }),
        ...datasetRows,
      }),
      notebooks,
      tables,
      uploads,
      models,
      registry,
      drift,
      conversion: createConversionService({
        workspace,
        jobs,
        models,
        registry,
        convertersDir: () => findConvertersDir(),
      }),
      monitors,
      driftSimulator: createSimulator({ workspace, jobs, duckdb, datasets }),
      driftReplayer: createReplayer({
        jobs,
        deployments,
        modelInputs: async (model, signal) =>
          (await models.open((await registry.resolve(model.name, model.version)).path, undefined, signal))
            .inputs,
        rows: datasetRows,
      }),
      lab: createModelLab({
        models,
        jobs,
        workspaceRoot: workspace.root,
        tempDir: workspace.scratch('writes'),
      }),
      runOnDataset: (request) =>
        runOnDataset(
          {
            models,
            duckdb,
            datasetFile: async (slug) => {
              const { manifest } = await datasets.get(slug);
              return { path: workspace.resolve('datasets', slug, manifest.data.file), name: manifest.name };
            },
          },
          request,
        ),
    }),
    streams: {
      'jobs.updated': (listener) => jobs.onUpdate(listener),
      'containers.changed': (listener) => containers.onChange(listener),
      'drift.changed': (listener) => {
        const stopReports = drift.onChange(listener);
        const stopMonitors = monitors.onChange(listener);
        return () => {
          stopReports();
          stopMonitors();
        };
      },
      'drift.alert': (listener) => monitors.onAlert(listener),
    },
    onInternalError: report,
  });
  return {
    router,
    workspace,
    jobs,
    datasets,
    containers,
    notebooks,
    uploads,
    async dispose() {
      await monitors.dispose();
      await jobs.dispose();
      await containers.dispose();
      notebooks.dispose();
      await models.dispose();
      await engine.close();
    },
  };
}
