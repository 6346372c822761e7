import type {
  BuildService,
  ContainerService,
  DeploymentService,
  ShipService,
  LoadTestService,
} from '../services/containers/index.js';
import { exportProfileReport, type DatasetService, type TableQueries } from '../services/datasets/index.js';
import type { ConversionService } from '../services/conversion/index.js';
import type { DriftService, MonitorService, Replayer, Simulator } from '../services/drift/index.js';
import type { JobService } from '../services/jobs/index.js';
import type { NotebookService } from '../services/notebooks/index.js';
import {
  encodeTensors,
  onnxRuntimeVersion,
  runWireTensors,
  type ModelRegistry,
  type ModelService,
  type RunOnDatasetRequest,
} from '../services/models/index.js';
import type { TensorValue } from '../../shared/tensors/tensors.js';
import type { UploadStore, Workspace } from '../services/workspace/index.js';
import type { DriftSide } from '../../shared/contract/drift.js';
import type { ModelRef } from '../../shared/contract/modelRegistry.js';
import type { CallerContext } from './caller.js';
import { resolveModelRef } from './modelRefs.js';
import { resolveConversion } from './conversionSources.js';
import type { ModelLab } from '../services/models/lab/index.js';
import { benchmarkFolders, labModel } from './labModels.js';
import type { Handlers } from './router.js';

export interface HandlerDeps {
  appVersion: string;
  duckdbVersion: () => string;
  host: 'electron' | 'browser' | 'cli';
  workspace: Workspace;
  jobs: JobService;
  datasets: DatasetService;
  containers: ContainerService;
  builds: BuildService;
  deployments: DeploymentService;
  ship: ShipService;
  loadtests: LoadTestService;
  notebooks: NotebookService;
  uploads: UploadStore;
  tables: TableQueries;
  models: ModelService;
  registry: ModelRegistry;
  drift: DriftService;
  conversion: ConversionService;
  monitors: MonitorService;
  /** Shifted copies of data sets, and their rows replayed into deployments (drift demos). */
  driftSimulator: Simulator;
  driftReplayer: Replayer;
  /** Benchmarks and comparisons of models (jobs). */
  lab: ModelLab;
  /** Runs a model on rows of a data set (the composition root binds DuckDB and the data sets). */
  runOnDataset: (
    request: RunOnDatasetRequest,
  ) => Promise<{ outputs: Record<string, TensorValue>; rows: number; runMs: number }>;
}

/** One line per procedure: the work belongs to the services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { workspace, jobs, datasets, containers, builds, deployments, notebooks, tables, uploads } = deps;
  const { models, registry, ship } = deps;
  const modelFile = async (ref: ModelRef, caller: CallerContext) =>
    (await resolveModelRef(ref, caller, registry)).path;
  return {
    'system.info': () => ({
      appVersion: deps.appVersion,
      host: deps.host,
      platform: `${process.platform}-${process.arch}`,
      workspace: workspace.root,
      nodeVersion: process.versions.node,
      runtimes: [deps.duckdbVersion(), onnxRuntimeVersion(), `Node.js ${process.versions.node}`],
    }),
    'jobs.list': () => jobs.list(),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.log': ({ id, offset, limit }) => jobs.log(id, offset, limit),
    'datasets.list': () => datasets.list(),
    'datasets.get': ({ slug }) => datasets.get(slug),
    'datasets.exportReport': ({ slug, format }) =>
      exportProfileReport({ workspace, jobs, datasets }, slug, format),
    'datasets.profile': async ({ source }, caller) => datasets.profileJob(await caller.resolveSource(source)),
    'datasets.import': async ({ source, name, options }, caller) =>
      datasets.importFile({
        source: await caller.resolveSource(source),
        ...(name ? { name } : {}),
        ...(options ? { options } : {}),
      }),
    'datasets.discardUpload': async ({ uploadId }) => {
      await uploads.remove(uploadId);
      return { discarded: true } as const;
    },
    'datasets.preview': async ({ source, options }, caller) =>
      datasets.preview({ source: await caller.resolveSource(source), ...(options ? { options } : {}) }),
    'datasets.rows': (input) => tables.rows(input),
    'datasets.count': (input) => tables.count(input),
    'datasets.cancelQuery': ({ queryId }) => ({ cancelled: tables.cancel(queryId) }),
    'datasets.columnStats': ({ slug, column }) => tables.columnStats(slug, column),
    'containers.engine': () => containers.engineStatus(),
    'containers.prepareBuild': (request) => builds.prepare(request),
    'containers.listBuilds': () => builds.list(),
    'containers.getBuild': ({ id }) => builds.get(id),
    'containers.saveDockerfile': ({ id, text }) => builds.saveDockerfile(id, text),
    'containers.build': ({ id, verify }) => builds.build(id, { verify }),
    'containers.verify': ({ id, ...options }) => builds.verify(id, options),
    'containers.makeLocalBase': ({ tag }) => builds.makeLocalBase({ tag }),
    'containers.push': (request) => ship.push(request),
    'containers.registryCredentials': ({ registry }) => ship.savedLogin(registry),
    'containers.exportKubernetes': ({ buildId, write, ...options }) =>
      ship.export('kubernetes', buildId, options, write),
    'containers.exportKserve': ({ buildId, write, ...options }) =>
      ship.export('kserve', buildId, options, write),
    'containers.exportWorkflow': ({ buildId, write, ...options }) =>
      ship.export('workflow', buildId, options, write),
    'containers.run': (request) => deployments.run(request),
    'containers.ps': ({ all, allWorkspaces }) => deployments.list({ all, allWorkspaces }),
    'containers.logs': async ({ name, tail }) => ({ lines: await deployments.logs(name, tail) }),
    'containers.stats': ({ name }) => deployments.stats(name),
    'containers.exec': ({ name, command }) => deployments.exec(name, command),
    'containers.try': (request) => deployments.send(request),
    'containers.stop': ({ name }) => deployments.stop(name),
    'containers.remove': ({ name }) => deployments.remove(name),
    'containers.loadtest': (request) => deps.loadtests.start(request),
    'containers.listLoadtests': ({ buildId }) => deps.loadtests.list(buildId),
    'models.inspect': async ({ model }, caller) => models.inspect(await modelFile(model, caller)),
    'models.open': async ({ model, settings }, caller) =>
      models.open(await modelFile(model, caller), settings),
    'models.providers': () => models.providers(),
    'models.run': async ({ model, feeds, settings }, caller) =>
      runWireTensors(models, await modelFile(model, caller), feeds, settings),
    'models.bench': async ({ model, ...options }, caller) =>
      deps.lab.bench(await labModel(model, caller, registry), options),
    'models.benchmarks': async ({ name, version }) =>
      deps.lab.saved(await benchmarkFolders(registry, name, version)),
    'models.diff': async ({ a, b, ...options }, caller) =>
      deps.lab.diff(await labModel(a, caller, registry), await labModel(b, caller, registry), options),
    'models.observeShapes': async ({ model, ...options }, caller) =>
      deps.lab.observeShapes(await labModel(model, caller, registry), options),
    'models.runDataset': async ({ model, dataset, inputs, offset, limit, settings }, caller) => {
      const { outputs, rows, runMs } = await deps.runOnDataset({
        modelPath: await modelFile(model, caller),
        dataset,
        mapping: inputs,
        offset,
        limit,
        ...(settings ? { settings } : {}),
      });
      return { outputs: encodeTensors(outputs), rows, runMs };
    },
    'models.list': () => registry.list(),
    'models.get': ({ name, version }) => registry.get(name, version),
    'models.add': async (input, caller) =>
      registry.add({ ...input, source: await caller.resolveSource(input.source) }),
    'models.delete': ({ name, version, confirm }) => registry.remove(name, version, confirm),
    'models.check': async ({ model }, caller) => {
      const file = await resolveModelRef(model, caller, registry);
      return { file: file.label, findings: (await models.inspect(file.path)).findings };
    },
    'notebooks.list': () => notebooks.list(),
    'notebooks.get': ({ name }) => notebooks.get(name),
    'notebooks.create': ({ name, template, dataset }) => notebooks.create(name, template, dataset),
    'notebooks.save': ({ name, revision, document }) => notebooks.save(name, revision, document),
    'notebooks.rename': ({ name, to }) => notebooks.rename(name, to),
    'notebooks.delete': ({ name }) => notebooks.trash(name),
    'notebooks.runSql': ({ notebook, sql, limit, offset }) => notebooks.runSql(notebook, sql, limit, offset),
    'notebooks.cancel': ({ notebook }) => notebooks.cancel(notebook),
    'samples.list': () => notebooks.samples(),
    'samples.import': ({ id }) => notebooks.importSample(id),
    'drift.run': async (request, caller) =>
      deps.drift.run({
        ...request,
        baseline: await confineSide(request.baseline, caller),
        current: await confineSide(request.current, caller),
      }),
    'drift.suggestConstraints': async (request, caller) =>
      deps.drift.suggestConstraints({ ...request, baseline: await confineSide(request.baseline, caller) }),
    'drift.list': () => deps.drift.list(),
    'drift.get': ({ id }) => deps.drift.get(id),
    'drift.reportHtml': ({ id }) => deps.drift.reportHtml(id),
    'drift.remove': ({ id }) => deps.drift.remove(id),
    'drift.listMonitors': () => deps.monitors.list(),
    'drift.addMonitor': async (request, caller) =>
      deps.monitors.add({ ...request, baseline: await confineSide(request.baseline, caller) }),
    'drift.removeMonitor': ({ id }) => deps.monitors.remove(id),
    'drift.checkMonitor': ({ id }) => deps.monitors.check(id),
    'drift.simulate': (request) => deps.driftSimulator.start(request),
    'drift.replay': (request) => deps.driftReplayer.start(request),
    'conversion.environments': ({ python }) => deps.conversion.environments(python),
    'conversion.run': async (request, caller) =>
      deps.conversion.run(await resolveConversion(request, caller, registry)),
    'conversion.opsets': async ({ model }, caller) => deps.conversion.opsets(await modelFile(model, caller)),
    'conversion.list': () => deps.conversion.list(),
    'conversion.get': ({ id }) => deps.conversion.get(id),
    'conversion.log': async ({ id }) => ({ log: await deps.conversion.log(id) }),
    'conversion.register': ({ id, ...target }) => deps.conversion.register(id, target),
    'conversion.remove': ({ id }) => deps.conversion.remove(id),
  };
}

/** A file side names a path as the caller may: confined to the workspace for a window. */
async function confineSide(side: DriftSide, caller: CallerContext): Promise<DriftSide> {
  if (side.kind !== 'file') return side;
  return { kind: 'file', path: (await caller.resolveSource({ kind: 'path', path: side.path })).path };
}

/**
 * Opens DuckDB for the table view on its first query, so hosts that never show a table pay nothing.
 * TODO(composition root): pass the workbench's own DuckDb as `deps.tables` to share one instance.
 */
