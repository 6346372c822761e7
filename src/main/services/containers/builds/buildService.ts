import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_BASE_IMAGE,
  SERVER_PORT,
  type BuildDetail,
  type BuildRecord,
  type Verification,
} from '../../../../shared/contract/containerBuilds.js';
import { defaultImageTag } from '../../../../shared/containers/imageTag.js';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/jobs.js';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import type { JobContext, JobService } from '../../jobs/index.js';
import type { Workspace } from '../../workspace/index.js';
import type { ContainerService } from '../containerService.js';
import type { DeploymentService } from '../index.js';
import type { RunnableImage } from '../serverImage.js';
import type { DatasetRowsSource } from '../datasetPayload.js';
import { failedVerification, verifyBuild, type ReferenceRuntime } from './verifyBuild.js';
import { lintDockerfile } from '../dockerfileLint.js';
import { LOCAL_BASE_CHANGES, localNodeBaseRootfs } from '../localBase.js';
import { createBuildStore } from './buildStore.js';
import { servingDockerfile } from './servingDockerfile.js';
import {
  contextEntries,
  runtimeVersions,
  writeServingContext,
  type ServingRuntime,
} from './servingContext.js';

/** A registered model version as the build needs it (the registry's StoredVersion). */
export interface BuildableModel {
  card: ModelCard;
  /** The version's folder and its .onnx file, absolute. */
  folder: string;
  path: string;
}

export interface VerifyOptions {
  samples?: number | undefined;
  batch?: number | undefined;
  /** Send rows of this data set (columns mapped to inputs) instead of inputs from the signature. */
  dataset?: string | undefined;
  mapping?: Record<string, string[]> | undefined;
  offset?: number | undefined;
}

export interface BuildServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  containers: ContainerService;
  resolveModel(name: string, version?: number): Promise<BuildableModel>;
  /** Where the server and ONNX Runtime are; asked for only when a build is prepared. */
  runtime: () => ServingRuntime;
  workbenchVersion: string;
  /** Starts throwaway containers for verification (the deployment service). */
  deployments: DeploymentService;
  /** In-process ONNX Runtime, which a verification holds the served answers to. */
  reference: ReferenceRuntime;
  /** Rows of a data set, for a verification that sends those instead of generated inputs. */
  rows: DatasetRowsSource;
  /** What a local base copies in: the host's Node (this process's by default) and a static busybox. */
  nodeBinary?: string;
  busybox?: string;
  now?: () => Date;
}

export interface PrepareBuildRequest {
  model: { name: string; version?: number | undefined };
  tag?: string | undefined;
  base?: string | undefined;
}

export interface BuildService {
  prepare(request: PrepareBuildRequest): Promise<BuildRecord>;
  list(): Promise<BuildRecord[]>;
  get(id: string): Promise<BuildDetail>;
  saveDockerfile(id: string, text: string): Promise<BuildDetail>;
  /**
   * Makes a Node base image from this machine's own Node, its libraries and busybox, for an engine
   * that cannot pull one (air-gapped, or our CI): `docker import` of a root file system.
   */
  makeLocalBase(request: {
    tag: string;
    signal?: AbortSignal;
  }): Promise<{ imageId: string; reference: string }>;
  /**
   * Starts building a prepared build's image, then (unless told not to) verifying it; the job's
   * result is the updated BuildRecord.
   */
  build(id: string, options?: { verify?: boolean }): Promise<Job>;
  /** Starts verifying a built image against in-process ONNX Runtime; the job's result is the BuildRecord. */
  verify(id: string, options?: VerifyOptions): Promise<Job>;
  /** The image a build id (once built) or an image reference names, to run. */
  runnable(build: string): Promise<RunnableImage>;
  /** A build's folder, builds/<id>/, for what is kept with it (load tests); NOT_FOUND if there is no such build. */
  folder(id: string): Promise<string>;
}

/** Findings the engine would refuse anyway: the build stops before sending the context. */
const BLOCKING_RULES = new Set(['empty-file', 'no-from', 'unknown-instruction', 'invalid-image']);

/** `repo:tag` at its last colon that is not part of a registry's host:port. */
function splitTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(':');
  if (colon <= reference.lastIndexOf('/')) return [reference, 'latest'];
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}

const stamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.\d+Z$/, '');

export function createBuildService(deps: BuildServiceDeps): BuildService {
  const { workspace, jobs, containers } = deps;
  const now = deps.now ?? (() => new Date());
  const store = createBuildStore(workspace);
  const dockerfilePath = (id: string): string => join(store.contextFolder(id), 'Dockerfile');
  /** Builds this process runs: a record left at "building" by a process that died is not one. */
  const building = new Set<string>();

  /**
   * The first id whose folder does not exist yet: not every build.json read and parsed, and a
   * folder that holds no valid build.json is never written into (or removed on a failed prepare).
   */
  const freeId = (base: string): string => {
    for (let n = 1; ; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!existsSync(store.folder(id))) return id;
    }
  };

  const get = async (id: string): Promise<BuildDetail> => {
    const record = await store.read(id);
    const dockerfile = await readFile(dockerfilePath(id), 'utf8').catch((error: unknown) => {
      throw new WorkbenchError(
        {
          code: 'NOT_FOUND',
          message: `Build ${id} has no Dockerfile in ${store.contextFolder(id)}.`,
          hint: 'Prepare the build again from its model version.',
        },
        { cause: error },
      );
    });
    return { record, dockerfile, findings: lintDockerfile(dockerfile) };
  };

  const runBuild = async (id: string, ctx: JobContext): Promise<BuildRecord> => {
    const started = await store.update(id, (record) => ({
      ...record,
      status: 'building',
      startedAt: now().toISOString(),
      endedAt: null,
      error: null,
    }));
    const log = createWriteStream(store.logPath(id), { flags: 'w' });
    const say = (line: string, level: 'info' | 'warn' | 'error' = 'info'): void => {
      ctx.log(line, level);
      log.write(`${line}\n`);
    };
    try {
      say(
        `Building ${started.tag} from ${started.base.image} (model ${started.model.name} ${started.model.version})`,
      );
      ctx.progress(0, 'Checking the base image');
      let base = await containers.imageDetails(started.base.image, ctx.signal);
      if (!base) {
        say(`${started.base.image} is not on the engine: pulling it`);
        await containers.pullImage(started.base.image, {
          signal: ctx.signal,
          onProgress: (done, total) =>
            ctx.progress(total > 0 ? (0.3 * done) / total : null, `Pulling ${started.base.image}`),
        });
        base = await containers.imageDetails(started.base.image, ctx.signal);
      }
      const { dockerfile, findings } = await get(id);
      for (const finding of findings)
        say(
          `Dockerfile line ${finding.range.startLine}: ${finding.severity}: ${finding.message}`,
          finding.severity === 'error' ? 'error' : 'warn',
        );
      const blocking = findings.find((finding) => BLOCKING_RULES.has(finding.rule));
      if (blocking || !dockerfile.trim())
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `The Dockerfile of ${id} cannot be built: line ${blocking?.range.startLine ?? 1}: ${blocking?.message ?? 'it is empty'}`,
          hint: 'Fix it in the editor (or builds/<id>/context/Dockerfile) and build again.',
          details: { id },
        });
      const entries = await contextEntries(store.contextFolder(id));
      const built = await containers.buildImage({
        context: entries,
        tag: started.tag,
        signal: ctx.signal,
        onLog: (line) => say(line),
        onStep: (step, total, instruction) =>
          ctx.progress(0.3 + (0.7 * (step - 1)) / total, `Step ${step}/${total}: ${instruction}`),
      });
      const image = await containers.imageDetails(built.imageId, ctx.signal);
      say(`Built ${started.tag} (${built.imageId})`);
      return await store.update(id, (record) => ({
        ...record,
        status: 'built',
        endedAt: now().toISOString(),
        base: { image: record.base.image, digest: base?.repoDigests[0] ?? base?.id ?? null },
        image: image
          ? { id: image.id, sizeBytes: image.sizeBytes, layers: image.layers }
          : { id: built.imageId, sizeBytes: 0, layers: [] },
      }));
    } catch (error) {
      const shape = isWorkbenchError(error)
        ? error.toShape()
        : { code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
      say(shape.message, 'error');
      await store.update(id, (record) => ({
        ...record,
        status: shape.code === 'CANCELLED' ? 'cancelled' : 'failed',
        endedAt: now().toISOString(),
        error: shape,
      }));
      throw error;
    } finally {
      await new Promise<void>((resolve) => log.end(resolve));
    }
  };

  /** A verification that cannot even start (the image exits, say) is a failed one, with its reason. */
  const runVerify = async (id: string, ctx: JobContext, options: VerifyOptions): Promise<BuildRecord> => {
    const record = await store.read(id);
    const samples = options.samples ?? 4;
    const batch = options.batch ?? 2;
    const model = await deps.resolveModel(record.model.name, record.model.version);
    let verification: Verification;
    try {
      verification = await verifyBuild(
        { deployments: deps.deployments, reference: deps.reference, rows: deps.rows },
        {
          record,
          modelPath: model.path,
          samples,
          batch,
          ...(options.dataset === undefined
            ? {}
            : { rows: { dataset: options.dataset, mapping: options.mapping, offset: options.offset } }),
        },
        ctx,
      );
    } catch (error) {
      // A data set that cannot fill the inputs is the request's fault, not a verdict on the image.
      if (isWorkbenchError(error) && (error.code === 'CANCELLED' || error.code === 'INVALID_INPUT'))
        throw error;
      verification = failedVerification(
        error,
        {
          at: now().toISOString(),
          samples,
          batch,
          tolerance: { abs: 0, rel: 0 },
          payload: { kind: 'signature' },
        },
        ctx,
      );
    }
    return store.update(id, (current) => ({ ...current, verification }));
  };

  const startJob = (
    id: string,
    kind: string,
    title: string,
    body: (ctx: JobContext) => Promise<BuildRecord>,
  ) => {
    if (building.has(id))
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `Build ${id} is already building or being verified.`,
        hint: 'Wait for it, or cancel its job first.',
      });
    building.add(id);
    return jobs.start({ kind, title }, (ctx) => body(ctx).finally(() => building.delete(id)));
  };

  return {
    async prepare(request) {
      const model = await deps.resolveModel(request.model.name, request.model.version);
      const { card } = model;
      const base = request.base ?? DEFAULT_BASE_IMAGE;
      const runtime = deps.runtime();
      const versions = await runtimeVersions(runtime);
      const createdAt = now();
      const id = freeId(`${card.name}-v${card.version}-${stamp(createdAt)}`);
      const record: BuildRecord = {
        schemaVersion: 1,
        id,
        createdAt: createdAt.toISOString(),
        model: { name: card.name, version: card.version, sha256: card.file.sha256, fileName: card.file.name },
        tag: request.tag ?? defaultImageTag(card.name, card.version),
        base: { image: base, digest: null },
        port: SERVER_PORT,
        server: { version: versions.server },
        workbench: { version: deps.workbenchVersion },
        onnxruntime: { version: versions.onnxruntime },
        status: 'prepared',
        image: null,
        startedAt: null,
        endedAt: null,
        error: null,
        verification: null,
        pushes: [],
      };
      try {
        await writeServingContext({
          contextDir: store.contextFolder(id),
          dockerfile: servingDockerfile({
            base,
            port: SERVER_PORT,
            model: record.model,
            workbenchVersion: deps.workbenchVersion,
            serverVersion: versions.server,
          }),
          runtime,
          model: {
            path: model.path,
            fileName: card.file.name,
            externalData: card.externalData.map((file) => file.location),
            cardPath: join(model.folder, 'card.json'),
          },
        });
        await store.write(record);
      } catch (error) {
        // A half-written context is no build: nothing is left for the list to show.
        await rm(store.folder(id), { recursive: true, force: true });
        throw error;
      }
      return record;
    },
    list: () => store.list(),
    get,
    async folder(id) {
      await store.read(id);
      return store.folder(id);
    },
    async saveDockerfile(id, text) {
      await get(id);
      if (building.has(id))
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `Build ${id} is building; its Dockerfile can be changed once it has finished.`,
        });
      await workspace.writeFile(dockerfilePath(id), text);
      return get(id);
    },
    async makeLocalBase({ tag, signal }) {
      const runtime = deps.runtime();
      const [repo, version] = splitTag(tag);
      const binaries = join(runtime.onnxruntimeNode, 'bin/napi-v6/linux/x64');
      const rootfs = await localNodeBaseRootfs({
        nodeBinary: deps.nodeBinary ?? process.execPath,
        busybox: deps.busybox ?? '/bin/busybox',
        extraLibrariesOf: [join(binaries, 'onnxruntime_binding.node'), join(binaries, 'libonnxruntime.so.1')],
      });
      return containers.importBaseImage({
        rootfs,
        repo,
        tag: version,
        changes: LOCAL_BASE_CHANGES,
        ...(signal ? { signal } : {}),
      });
    },
    async runnable(build) {
      const record = await store.read(build).catch(() => undefined);
      if (record) {
        if (record.status !== 'built')
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `Build ${build} is ${record.status}, so it has no image to run.`,
            hint: `Build it first: mlw container rebuild ${build}`,
          });
        return {
          image: record.tag,
          buildId: record.id,
          model: { name: record.model.name, version: record.model.version },
          port: record.port,
        };
      }
      const image = await containers.imageDetails(build);
      if (!image)
        throw new WorkbenchError({
          code: 'NOT_FOUND',
          message: `${build} is neither a build in this workspace nor an image on the engine.`,
          hint: 'mlw container builds lists the builds; mlw container build MODEL makes one.',
        });
      const name = image.labels['io.mlops-workbench.model.name'];
      const version = Number(image.labels['io.mlops-workbench.model.version']);
      return {
        image: build,
        buildId: null,
        model: name && Number.isInteger(version) ? { name, version } : null,
        port: SERVER_PORT,
      };
    },
    async build(id, options = {}) {
      await get(id);
      return startJob(id, 'containers.build', `Build image of ${id}`, async (ctx) => {
        const built = await runBuild(id, ctx);
        return options.verify === false ? built : runVerify(id, ctx, {});
      });
    },
    async verify(id, options = {}) {
      const { record } = await get(id);
      if (record.status !== 'built')
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `Build ${id} is ${record.status}; only a built image can be verified.`,
          hint: `Build it first: mlw container rebuild ${id}`,
        });
      return startJob(id, 'containers.verify', `Verify image of ${id}`, (ctx) => runVerify(id, ctx, options));
    },
  };
}
