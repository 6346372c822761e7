import { randomBytes } from 'node:crypto';
import { chown, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import type {
  Deployment,
  RunRequest,
  TryResponse,
} from '../../../../shared/contract/containerDeployments.js';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/contract/errors.js';
import type { Workspace } from '../../workspace/index.js';
import type { ContainerService } from '../containerService.js';
import { engineError } from '../engineErrors.js';
import { SERVER_UID, type RunnableImage } from '../serverImage.js';
import { deploymentLabels, deploymentOf, LABEL, workspaceOf } from './deploymentLabels.js';
import { containerUsage, hasPreviousSample, type StatsSample } from './containerStats.js';
import { engineNetwork, networkSetting, type DeploymentNetwork } from './deploymentNetwork.js';
import { createKeyStore, type KeyStore } from './keyStore.js';

export interface DeploymentServiceDeps {
  workspace: Workspace;
  containers: ContainerService;
  /** A build id or an image reference, as the image to run. */
  resolveImage(build: string): Promise<RunnableImage>;
  /** Where API keys are kept while their deployment runs: never the workspace. */
  keys?: KeyStore;
  /** The host user, whose uid the container runs as so it can write the capture folder. */
  user?: { uid: number; gid: number };
  /** Where MLW_DEPLOY_NETWORK is read (see networkSetting); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export interface DeploymentService {
  run(request: RunRequest, signal?: AbortSignal): Promise<{ deployment: Deployment; apiKey: string | null }>;
  /**
   * This workspace's deployments (`all`: stopped ones too, the default), or with `allWorkspaces`
   * every workbench deployment on the engine, whichever workspace started it.
   */
  list(options?: { all?: boolean; allWorkspaces?: boolean }): Promise<Deployment[]>;
  get(name: string): Promise<Deployment>;
  logs(name: string, tail: number): Promise<{ stream: 'stdout' | 'stderr'; text: string }[]>;
  stats(name: string): Promise<{ cpuPercent: number; memoryBytes: number; memoryLimitBytes: number }>;
  exec(name: string, command: string[]): Promise<{ exitCode: number; output: string }>;
  send(request: { name: string; method: 'GET' | 'POST'; path: string; body?: string }): Promise<TryResponse>;
  /** A POST of any body (binary tensors, say) whose whole answer comes back as bytes. */
  post(request: PostRequest): Promise<{ status: number; headers: Headers; body: Uint8Array }>;
  /** The headers a request to a running deployment needs: its API key, when it has one. */
  requestHeaders(name: string): Promise<Record<string, string>>;
  /** Waits until a deployment answers /ready, failing with its log when the container stops first. */
  waitReady(name: string, timeoutMs: number, signal?: AbortSignal): Promise<Deployment>;
  stop(name: string): Promise<Deployment>;
  remove(name: string): Promise<{ name: string }>;
}

export interface PostRequest {
  name: string;
  path: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const MAX_TRY_BODY = 1024 * 1024;
/** Between two stats readings where the engine gives one (Podman): Docker's own interval. */
const STATS_INTERVAL_MS = 1_000;

/** A port nothing on this machine listens on now (host networking cannot let the engine pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const portInUse = (port: number, name: string): WorkbenchError =>
  new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `Port ${port} on 127.0.0.1 is in use, so ${name} cannot listen on it.`,
    hint: 'Pick another --port, or leave it out for a free one.',
  });

const notFound = (name: string): WorkbenchError =>
  new WorkbenchError({
    code: 'NOT_FOUND',
    message: `There is no deployment ${name}.`,
    hint: 'mlw container ps lists the deployments; mlw container run BUILD starts one.',
    details: { name },
  });

/** A name in use, said so that the user knows whose container holds it and how to free it. */
function nameTaken(name: string, labels: Record<string, string>, currentWorkspace: string): WorkbenchError {
  const owner = labels[LABEL.deployment] ? workspaceOf(labels, currentWorkspace) : undefined;
  if (owner === undefined)
    return new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `A container named ${name} already exists.`,
      hint: 'Pick another --name, or remove it: mlw container rm NAME.',
    });
  if (owner?.current)
    return new WorkbenchError({
      code: 'INVALID_INPUT',
      message: `A container named ${name} already exists: a deployment of this workspace.`,
      hint: `Pick another --name, or remove it: mlw container rm ${name}.`,
    });
  const whose = owner
    ? `workspace ${owner.path || owner.id}`
    : 'an unknown workspace (started by an older workbench)';
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `The name ${name} is used by a container of ${whose}; choose another name or remove it with mlw container rm ${name}.`,
    hint: 'Container names are shared by every workspace on the engine: mlw container ps --all-workspaces lists them.',
    details: { name, workspace: owner },
  });
}

const statusOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;

export function createDeploymentService(deps: DeploymentServiceDeps): DeploymentService {
  const { workspace, containers } = deps;
  const workspaceId = workspace.manifest.id;
  const keys = deps.keys ?? createKeyStore();
  const endpoint = containers.endpoint;
  const urlHost = endpoint.options.host ?? '127.0.0.1';
  let networkMode: Promise<DeploymentNetwork> | undefined;
  const asDeployment = (info: Dockerode.ContainerInspectInfo): Deployment =>
    deploymentOf(info, urlHost, workspaceId);

  const network = (docker: Dockerode): Promise<DeploymentNetwork> => {
    const forced = networkSetting((deps.env ?? process.env).MLW_DEPLOY_NETWORK);
    if (forced) return Promise.resolve(forced);
    networkMode ??= engineNetwork(docker).catch((error: unknown) => {
      networkMode = undefined;
      throw error;
    });
    return networkMode;
  };

  const engine = async <T>(action: string, work: (docker: Dockerode) => Promise<T>): Promise<T> => {
    const docker = await containers.docker();
    try {
      return await work(docker);
    } catch (error) {
      if (isWorkbenchError(error)) throw error;
      throw engineError(endpoint.display, error, action, undefined);
    }
  };

  const inspect = async (docker: Dockerode, name: string): Promise<Dockerode.ContainerInspectInfo> => {
    try {
      const info = await docker.getContainer(name).inspect();
      if (!info.Config.Labels[LABEL.deployment]) throw notFound(name);
      return info;
    } catch (error) {
      if (statusOf(error) === 404) throw notFound(name);
      throw error;
    }
  };

  const get = (name: string): Promise<Deployment> =>
    engine(`inspect ${name}`, async (docker) => asDeployment(await inspect(docker, name)));

  const logs = (name: string, tail: number) =>
    engine(`read the log of ${name}`, async (docker) => {
      await inspect(docker, name);
      const raw = await docker.getContainer(name).logs({ stdout: true, stderr: true, tail, follow: false });
      return demuxLines(docker, raw);
    });

  const waitReady = async (name: string, timeoutMs: number, signal?: AbortSignal): Promise<Deployment> => {
    const deadline = Date.now() + timeoutMs;
    let deployment = await get(name);
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted)
        throw new WorkbenchError({ code: 'CANCELLED', message: `Waiting for ${name} was cancelled.` });
      const answer = await fetch(`${deployment.url}/ready`, { signal: AbortSignal.timeout(1000) }).catch(
        () => undefined,
      );
      if (answer?.ok) return get(name);
      if (attempt % 5 === 0) deployment = await get(name);
      if (deployment.state === 'exited' || deployment.state === 'dead') {
        const tail = (await logs(name, 20)).map((line) => line.text).join('\n');
        throw new WorkbenchError({
          code: 'DOCKER_FAILED',
          message: `${name} exited with code ${deployment.exitCode ?? '?'} before it was ready.${tail ? `\n${tail}` : ''}`,
          hint: 'The log above is the server’s own; mlw container logs shows all of it.',
          details: { name, exitCode: deployment.exitCode },
        });
      }
      if (Date.now() > deadline)
        throw new WorkbenchError({
          code: 'DOCKER_FAILED',
          message: `${name} did not answer ${deployment.url}/ready within ${timeoutMs / 1000} s.`,
          hint: 'mlw container logs shows what the server did; a large model takes longer to load (--ready-timeout).',
          details: { name },
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const remove = (name: string) =>
    engine(`remove ${name}`, async (docker) => {
      await inspect(docker, name);
      await docker.getContainer(name).remove({ force: true, v: true });
      await keys.delete(name);
      return { name };
    });

  /** One request to a running deployment, with its API key; no answer at all is the engine's failure. */
  const exchange = async (
    name: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | Uint8Array,
    extraHeaders: Record<string, string>,
  ): Promise<Response> => {
    const { deployment, headers } = await runningWithHeaders(name);
    return fetch(`${deployment.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...extraHeaders, ...headers },
      ...(method === 'POST' ? { body } : {}),
      signal: AbortSignal.timeout(60_000),
    }).catch((error: unknown) => {
      throw new WorkbenchError(
        {
          code: 'DOCKER_FAILED',
          message: `${name} did not answer ${method} ${path}: ${error instanceof Error ? error.message : String(error)}.`,
        },
        { cause: error },
      );
    });
  };
  const runningWithHeaders = async (
    name: string,
  ): Promise<{ deployment: Deployment; headers: Record<string, string> }> => {
    const deployment = await get(name);
    if (deployment.state !== 'running')
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `${name} is ${deployment.state}; start it again to send it requests.`,
        hint: `mlw container run ${deployment.buildId ?? deployment.image} starts a new deployment.`,
        details: { name, state: deployment.state },
      });
    const key = deployment.auth ? await keys.get(name) : undefined;
    if (deployment.auth && !key)
      throw new WorkbenchError({
        code: 'INVALID_INPUT',
        message: `${name} needs an API key this session does not have (it was started by another one).`,
        hint: 'Use the key shown when it started, or run it again.',
      });
    return { deployment, headers: key ? { authorization: `Bearer ${key}` } : {} };
  };

  return {
    async run(request, signal) {
      const runnable = await deps.resolveImage(request.build);
      const name =
        request.name ??
        `${(runnable.model?.name ?? 'model').replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`;
      const docker = await containers.docker();
      // Before anything is written: a name in use is another container's, key and captures included.
      const existing = await docker
        .getContainer(name)
        .inspect()
        .then(
          (info) => info,
          (error: unknown) =>
            statusOf(error) === 404
              ? undefined
              : Promise.reject(engineError(endpoint.display, error, `inspect ${name}`, signal)),
        );
      if (existing) throw nameTaken(name, existing.Config.Labels ?? {}, workspaceId);
      const mode = await network(docker).catch((error: unknown) => {
        throw engineError(endpoint.display, error, 'inspect the bridge network', signal);
      });
      // With host networking a server that cannot listen exits, and whatever holds the port answers
      // /ready in its place: a taken port is refused here.
      if (request.port !== undefined && !(await portIsFree(request.port)))
        throw portInUse(request.port, name);
      const port = request.port ?? (await freePort());
      const apiKey = request.auth ? randomBytes(32).toString('base64url') : null;
      const env: Record<string, string> = { ...request.env };
      const binds: string[] = [];
      // On the host's network the server takes our port, and only the loopback: bridge mode
      // publishes on 127.0.0.1 alone too.
      if (mode === 'host') Object.assign(env, { PORT: String(port), HOST: '127.0.0.1' });
      const local = endpoint.options.socketPath !== undefined;
      if (request.capture && !local)
        throw new WorkbenchError({
          code: 'INVALID_INPUT',
          message: `Capture writes into this workspace, which the engine at ${endpoint.display} cannot reach: it runs on another machine.`,
          hint: 'Run with capture on a local engine, or without --capture.',
        });
      // The server runs as a non-root user that must read the key and write the captures: as the
      // host user, or (when that is root) as the image's own user, given the files.
      const host = deps.user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
      const user =
        local && (request.capture || apiKey) && host.uid !== 0 ? `${host.uid}:${host.gid}` : undefined;
      const fileOwner = host.uid === 0 ? { uid: SERVER_UID, gid: SERVER_UID } : null;
      if (request.capture) {
        const folder = workspace.resolve('captures', name);
        await mkdir(folder, { recursive: true });
        if (fileOwner) await chown(folder, fileOwner.uid, fileOwner.gid);
        binds.push(`${folder}:/captures`);
        env.CAPTURE_DIR = '/captures';
        env.CAPTURE_SAMPLE_RATE = String(request.capture.sampleRate);
      }
      if (apiKey && local) {
        binds.push(`${await keys.put(name, apiKey, fileOwner)}:/run/secrets/mlw-api-key:ro`);
        env.MLW_API_KEY_FILE = '/run/secrets/mlw-api-key';
      } else if (apiKey) {
        // A remote engine cannot mount a file of this machine: the key goes in the environment.
        await keys.put(name, apiKey, null);
        env.MLW_API_KEY = apiKey;
      }
      const exposed = `${runnable.port}/tcp`;
      const labels = deploymentLabels({
        name,
        buildId: runnable.buildId,
        model: runnable.model,
        port,
        network: mode,
        captureRate: request.capture?.sampleRate ?? null,
        auth: apiKey !== null,
        workspace: { id: workspaceId, path: workspace.root },
      });
      let created: Dockerode.Container | undefined;
      try {
        await engine(`start ${runnable.image}`, async () => {
          created = await docker.createContainer({
            name,
            Image: runnable.image,
            Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
            Labels: labels,
            ...(user ? { User: user } : {}),
            ExposedPorts: { [exposed]: {} },
            ...(request.healthcheckIntervalS
              ? {
                  Healthcheck: {
                    Interval: request.healthcheckIntervalS * 1e9,
                    Timeout: request.healthcheckIntervalS * 1e9,
                    Retries: 2,
                  },
                }
              : {}),
            HostConfig: {
              NetworkMode: mode,
              ...(mode === 'bridge'
                ? { PortBindings: { [exposed]: [{ HostIp: '127.0.0.1', HostPort: String(port) }] } }
                : {}),
              Binds: binds,
              Init: true,
              ...(request.memoryMb ? { Memory: request.memoryMb * 1024 * 1024 } : {}),
              ...(request.cpus ? { NanoCpus: Math.round(request.cpus * 1e9) } : {}),
              RestartPolicy: { Name: 'no' },
            },
          });
          await created.start();
        });
        const deployment = await waitReady(name, request.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, signal);
        return { deployment, apiKey };
      } catch (error) {
        // A run that did not come up leaves nothing behind: not its container, not its key.
        await created?.remove({ force: true, v: true }).catch(() => undefined);
        await keys.delete(name);
        if (
          isWorkbenchError(error) &&
          /port is already allocated|address already in use|EADDRINUSE/i.test(error.message)
        )
          throw portInUse(port, name);
        throw error;
      }
    },
    list: ({ all = true, allWorkspaces = false } = {}) =>
      engine('list containers', async (docker) => {
        const label = allWorkspaces
          ? [LABEL.deployment]
          : [LABEL.deployment, `${LABEL.workspaceId}=${workspaceId}`];
        const found = await docker.listContainers({ all, filters: { label } });
        const infos = await Promise.all(
          found.map((c) =>
            docker
              .getContainer(c.Id)
              .inspect()
              .catch(() => undefined),
          ),
        );
        return infos
          .filter((info): info is Dockerode.ContainerInspectInfo => info !== undefined)
          .map(asDeployment)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      }),
    get,
    logs,
    stats: (name) =>
      engine(`read the stats of ${name}`, async (docker) => {
        await inspect(docker, name);
        const read = (): Promise<StatsSample> => docker.getContainer(name).stats({ stream: false });
        const sample = await read();
        if (hasPreviousSample(sample)) return containerUsage(sample);
        await delay(STATS_INTERVAL_MS);
        return containerUsage(await read(), sample);
      }),
    exec: (name, command) =>
      engine(`run ${command[0] ?? ''} in ${name}`, async (docker) => {
        const info = await inspect(docker, name);
        if (info.State.Status !== 'running')
          throw new WorkbenchError({
            code: 'INVALID_INPUT',
            message: `${name} is ${info.State.Status}; a command runs only in a running deployment.`,
          });
        const exec = await docker
          .getContainer(name)
          .exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({ hijack: true, stdin: false });
        const lines = await demuxLines(docker, stream);
        const result = await exec.inspect();
        return { exitCode: result.ExitCode ?? -1, output: lines.map((line) => line.text).join('\n') };
      }),
    async send({ name, method, path, body }) {
      const started = performance.now();
      const answer = await exchange(name, method, path, body ?? '', {});
      const text = await answer.text();
      return {
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        body: text.slice(0, MAX_TRY_BODY),
        truncated: text.length > MAX_TRY_BODY,
        ms: performance.now() - started,
      };
    },
    async post({ name, path, body, headers }) {
      const answer = await exchange(name, 'POST', path, body, headers ?? {});
      return {
        status: answer.status,
        headers: answer.headers,
        body: new Uint8Array(await answer.arrayBuffer()),
      };
    },
    requestHeaders: async (name) => (await runningWithHeaders(name)).headers,
    waitReady,
    stop: (name) =>
      engine(`stop ${name}`, async (docker) => {
        const info = await inspect(docker, name);
        if (info.State.Status === 'running') await docker.getContainer(name).stop({ t: 10 });
        return asDeployment(await inspect(docker, name));
      }),
    remove,
  };
}

/** Docker multiplexes stdout and stderr in one stream (no TTY): split them into lines. */
async function demuxLines(
  docker: Dockerode,
  raw: NodeJS.ReadableStream | Buffer,
): Promise<{ stream: 'stdout' | 'stderr'; text: string }[]> {
  const lines: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    const sink = new PassThrough();
    let pending = '';
    sink.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) lines.push({ stream, text });
    });
    return { sink, flush: () => pending && lines.push({ stream, text: pending }) };
  };
  const out = collect('stdout');
  const err = collect('stderr');
  if (Buffer.isBuffer(raw)) {
    const source = new PassThrough();
    docker.modem.demuxStream(source, out.sink, err.sink);
    source.end(raw);
    await new Promise((resolve) => source.on('end', resolve));
  } else {
    docker.modem.demuxStream(raw, out.sink, err.sink);
    await new Promise((resolve) => {
      raw.on('end', resolve);
      raw.on('close', resolve);
    });
  }
  out.flush();
  err.flush();
  return lines;
}
