import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { Finding, ModelSummary } from '../../../../shared/contract/modelSummary.js';
import type { ModelAddResult, ModelCard, RegistryModel } from '../../../../shared/contract/modelRegistry.js';
import { genericNameWarning } from '../../../../shared/models/modelNames.js';
import type { JobContext, JobService } from '../../jobs/index.js';
import type { Workspace } from '../../workspace/index.js';
import type { ModelService } from '../modelService.js';
import { runAdd, type AddRequest } from './addModel.js';
import { createRegistryStore, notFound, type StoredVersion } from './store.js';

/** The model registry in the workspace: `models/<name>/<version>/` with the .onnx file and card.json. */
export interface ModelRegistry {
  list(): Promise<RegistryModel[]>;
  /** A version (the latest without one) with what inspecting its file finds now. */
  get(
    name: string,
    version?: number,
  ): Promise<{
    card: ModelCard;
    path: string;
    nameWarning: string | null;
    summary: ModelSummary;
    findings: Finding[];
  }>;
  /** The stored version a reference names: its card and the .onnx file's absolute path. */
  resolve(name: string, version?: number): Promise<StoredVersion>;
  /** Starts adding a file as the next version of a name; the job's result is a ModelAddResult. */
  add(request: AddRequest): Job;
  /** Adds a file inside a job the caller runs (a conversion that registers its result). */
  addWithin(ctx: JobContext, request: AddRequest): Promise<ModelAddResult>;
  /** Moves a version (or, without one, the whole model) to models/.trash/; refused unless confirmed. */
  remove(
    name: string,
    version: number | undefined,
    confirm: boolean,
  ): Promise<{ name: string; versions: number[]; trashedAs: string }>;
}

export interface ModelRegistryDeps {
  workspace: Workspace;
  jobs: JobService;
  /** The model worker's inspection (ModelService.inspect). */
  inspect: ModelService['inspect'];
  /** Whether ONNX Runtime loads a model (ModelService.tryLoad); an add warns when it does not. */
  tryLoad: ModelService['tryLoad'];
  /** Who adds models, for the card; the OS user by default. */
  userName?: () => string;
}

export function createModelRegistry(deps: ModelRegistryDeps): ModelRegistry {
  const { workspace, jobs, inspect, tryLoad } = deps;
  const store = createRegistryStore(workspace);

  const resolve = async (name: string, version?: number): Promise<StoredVersion> => {
    if (version !== undefined) return store.readVersion(name, version);
    const versions = await store.versionFolders(name);
    const latest = versions.at(-1);
    if (latest === undefined) throw notFound(name);
    return store.readVersion(name, latest);
  };

  return {
    async list() {
      const models: RegistryModel[] = [];
      for (const name of await store.names()) {
        const versions = (await store.versions(name)).map((stored) => stored.card);
        const latest = versions.at(-1);
        if (!latest) continue;
        models.push({ name, latest: latest.version, nameWarning: genericNameWarning(name), versions });
      }
      return models;
    },
    async get(name, version) {
      const stored = await resolve(name, version);
      const { summary, findings } = await inspect(stored.path);
      // The summary names the file by where it lies in the workspace, not the machine's absolute path.
      return {
        card: stored.card,
        path: stored.relativePath,
        nameWarning: genericNameWarning(name),
        summary: { ...summary, file: { ...summary.file, path: stored.relativePath } },
        findings,
      };
    },
    resolve,
    addWithin: (ctx, request) => runAdd({ workspace, store, inspect, tryLoad, ...pick(deps) }, ctx, request),
    add(request) {
      return jobs.start(
        { kind: 'models.add', title: `Add ${request.source.label.replace(/^.*[\\/]/, '')} to the registry` },
        async (ctx) => {
          try {
            return await runAdd({ workspace, store, inspect, tryLoad, ...pick(deps) }, ctx, request);
          } finally {
            if (request.source.temporary)
              await rm(dirname(request.source.path), { recursive: true, force: true });
          }
        },
      );
    },
    async remove(name, version, confirm) {
      if (confirm !== true) {
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `Deleting ${version === undefined ? `every version of ${name}` : `${name}@${version}`} needs confirmation.`,
          hint: 'Pass confirm: true (on the command line: --yes). The files are moved to models/.trash/, not erased.',
        });
      }
      const versions =
        version === undefined
          ? await store.versionFolders(name)
          : [(await store.readVersion(name, version)).card.version];
      if (versions.length === 0) throw notFound(name);
      const trashedAs = await store.trash(name, version);
      return { name, versions, trashedAs };
    },
  };
}

function pick(deps: ModelRegistryDeps): { userName?: () => string } {
  return deps.userName ? { userName: deps.userName } : {};
}
