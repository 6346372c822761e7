import type { ContainerService } from '../services/containers/index.js';
import type { DatasetService } from '../services/datasets/index.js';
import type { JobService } from '../services/jobs/index.js';
import { onnxRuntimeVersion } from '../services/models/index.js';
import type { Workspace } from '../services/workspace/index.js';
import type { Handlers } from './router.js';

export interface HandlerDeps {
  appVersion: string;
  duckdbVersion: string;
  host: 'electron' | 'browser' | 'cli';
  workspace: Workspace;
  jobs: JobService;
  datasets: DatasetService;
  containers: ContainerService;
}

/** One line per procedure: the work belongs to the services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { workspace, jobs, datasets, containers } = deps;
  return {
    'system.info': () => ({
      appVersion: deps.appVersion,
      host: deps.host,
      platform: `${process.platform}-${process.arch}`,
      workspace: workspace.root,
      nodeVersion: process.versions.node,
      runtimes: [deps.duckdbVersion, onnxRuntimeVersion(), `Node.js ${process.versions.node}`],
    }),
    'jobs.list': () => jobs.list(),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.log': ({ id, offset, limit }) => jobs.log(id, offset, limit),
    'datasets.list': () => datasets.list(),
    'datasets.get': ({ slug }) => datasets.get(slug),
    'datasets.profile': async ({ source }, caller) => datasets.profileJob(await caller.resolveSource(source)),
    'datasets.import': async ({ source, name }, caller) =>
      datasets.importCsv({ source: await caller.resolveSource(source), ...(name ? { name } : {}) }),
    'containers.engine': () => containers.engineStatus(),
  };
}
