import { join } from 'node:path';
import type { BuildRecord } from '../../../shared/contract/containerBuilds.js';
import type {
  CredentialSource,
  ExportResult,
  PushRequest,
  PushResult,
  RegistryCredentials,
  SavedLogin,
} from '../../../shared/contract/containerShip.js';
import { parsePushTarget } from '../../../shared/containers/pushTarget.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { Job } from '../../../shared/contract/jobs.js';
import { formatBytes } from '../../../shared/format/numbers.js';
import type { JobService } from '../jobs/index.js';
import type { Workspace } from '../workspace/index.js';
import { createBuildStore } from './builds/buildStore.js';
import type { ContainerService } from './containerService.js';
import { dockerConfigCredentials, dockerConfigPath } from './push/dockerConfigCredentials.js';
import type { Keychain } from './push/keychain.js';

export interface ShipServiceDeps {
  workspace: Workspace;
  jobs: JobService;
  containers: ContainerService;
  keychain: Keychain;
  /** The Docker config whose logins a push falls back to (~/.docker/config.json by default). */
  dockerConfig?: string;
  now?: () => Date;
}

export type ExportKind = 'kubernetes' | 'kserve' | 'workflow';

export interface ShipService {
  /** Starts pushing a built image; the job's result is a PushResult. */
  push(request: PushRequest): Promise<Job>;
  /** The login a push to `registry` would find saved (keychain, Docker config), without its password. */
  savedLogin(registry: string): Promise<SavedLogin>;
  /**
   * Makes a deployment file for a build and, unless `write` is false (a preview), writes it into
   * builds/<id>/export/. `options` are the exporter's settings less what the build record says
   * (model, hash, port).
   */
  export(
    kind: ExportKind,
    buildId: string,
    options: Record<string, unknown>,
    write?: boolean,
  ): Promise<ExportResult>;
}

const EXPORT_FILES: Record<ExportKind, string> = {
  kubernetes: 'kubernetes.yaml',
  kserve: 'kserve.yaml',
  workflow: 'github-workflow.yml',
};

/** The numeric user the serving Dockerfile runs as, which Kubernetes' runAsNonRoot needs to see. */
const SERVER_UID = 10001;

export function createShipService(deps: ShipServiceDeps): ShipService {
  const { workspace, jobs, containers, keychain } = deps;
  const now = deps.now ?? (() => new Date());
  const store = createBuildStore(workspace);
  const configPath = deps.dockerConfig ?? dockerConfigPath();

  const builtRecord = async (id: string, doing: string): Promise<BuildRecord> => {
    const record = await store.read(id);
    if (record.status !== 'built' || !record.image)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `Build ${id} is ${record.status}, so it has no image to ${doing}.`,
        hint: `Build it first: mlw container rebuild ${id}`,
      });
    return record;
  };

  const savedCredentials = async (
    registry: string,
  ): Promise<{ credentials?: RegistryCredentials; source: Exclude<CredentialSource, 'given'> }> => {
    const kept = await keychain.get(registry);
    if (kept) return { credentials: kept, source: 'keychain' };
    const configured = await dockerConfigCredentials(registry, configPath);
    if (configured) return configured;
    return { source: 'none' };
  };

  const findCredentials = async (
    registry: string,
    given: RegistryCredentials | undefined,
  ): Promise<{ credentials?: RegistryCredentials; source: CredentialSource }> =>
    given ? { credentials: given, source: 'given' } : savedCredentials(registry);

  /** The image the cluster pulls: given, or the last push pinned by its digest. */
  const exportImage = (record: BuildRecord, image: unknown): string => {
    if (typeof image === 'string' && image) return image;
    const last = record.pushes.at(-1);
    if (!last)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `Build ${record.id} has not been pushed, so there is no image a cluster could pull.`,
        hint: `Push it first (mlw container push ${record.id} REGISTRY/REPO:TAG), or name the image with --image.`,
      });
    return last.digest ? `${last.reference}@${last.digest}` : last.reference;
  };

  return {
    async push(request) {
      const record = await builtRecord(request.buildId, 'push');
      const parsed = parsePushTarget(request.target);
      if ('problem' in parsed)
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `${request.target} is not a push target: ${parsed.problem}.`,
          details: { issues: [{ path: ['target'], message: parsed.problem }] },
        });
      const { registry, repository, tag, reference } = parsed.target;
      return jobs.start(
        { kind: 'containers.push', title: `Push ${record.id} to ${reference}` },
        async (ctx) => {
          const { credentials, source } = await findCredentials(registry, request.credentials);
          ctx.log(
            `Pushing ${record.tag} (${record.image?.id ?? ''}) as ${reference}` +
              (credentials ? ` as ${credentials.username} (credentials: ${source})` : ' without credentials'),
          );
          const { digest } = await containers.pushImage({
            source: record.image?.id ?? record.tag,
            target: { repository, tag, registry },
            credentials,
            signal: ctx.signal,
            // The stage carries the bytes, which the job's fraction alone cannot tell.
            onProgress: (done, total) =>
              ctx.progress(
                total > 0 ? done / total : null,
                total > 0
                  ? `Pushing ${reference}: ${formatBytes(done)} of ${formatBytes(total)}`
                  : `Pushing ${reference}`,
              ),
          });
          ctx.log(`Pushed ${reference}${digest ? ` (${digest})` : ''}`);
          let remembered = false;
          let rememberProblem: string | null = null;
          if (request.remember && request.credentials) {
            const kept = await keychain.set(registry, request.credentials);
            remembered = kept.stored;
            if (!kept.stored) {
              rememberProblem = kept.problem;
              ctx.log(kept.problem, 'warn');
            } else ctx.log(`Kept the login for ${registry} in the OS keychain`);
          }
          await store.update(record.id, (current) => ({
            ...current,
            pushes: [...current.pushes, { reference, digest, at: now().toISOString() }],
          }));
          const result: PushResult = {
            buildId: record.id,
            reference,
            digest,
            registry,
            credentials: source,
            remembered,
            rememberProblem,
          };
          return result;
        },
      );
    },

    async savedLogin(registry) {
      const { credentials, source } = await savedCredentials(registry);
      return { registry, source, ...(credentials ? { username: credentials.username } : {}) };
    },

    async export(kind, buildId, options, write = true) {
      const record = await builtRecord(buildId, 'export');
      const settings = {
        runAsUser: SERVER_UID,
        ...(kind === 'workflow' ? { buildContext: `builds/${record.id}/context` } : {}),
        ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
        image: exportImage(record, options.image),
        modelName: record.model.name,
        modelVersion: String(record.model.version),
        modelSha256: record.model.sha256,
        port: record.port,
      };
      const exporters = await import('./export/index.js');
      const yaml =
        kind === 'kubernetes'
          ? exporters.kubernetesManifests(settings)
          : kind === 'kserve'
            ? exporters.kserveInferenceService(settings)
            : exporters.githubActionsWorkflow(settings).content;
      const path = join('builds', record.id, 'export', EXPORT_FILES[kind]);
      if (write) await workspace.writeFile(workspace.resolve(path), yaml);
      return { path, yaml, written: write };
    },
  };
}
