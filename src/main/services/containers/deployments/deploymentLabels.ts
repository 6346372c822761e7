import type Dockerode from 'dockerode';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';

/**
 * What a deployment is lives on its container, as labels: the engine is the one record, so the list
 * survives a restart of the workbench and shows containers another session or the CLI started.
 */
export const LABEL = {
  deployment: 'io.mlops-workbench.deployment',
  build: 'io.mlops-workbench.build',
  modelName: 'io.mlops-workbench.model.name',
  modelVersion: 'io.mlops-workbench.model.version',
  port: 'io.mlops-workbench.port',
  network: 'io.mlops-workbench.network',
  captureRate: 'io.mlops-workbench.capture.sample-rate',
  auth: 'io.mlops-workbench.auth',
  workspaceId: 'io.mlops-workbench.workspace.id',
  workspacePath: 'io.mlops-workbench.workspace.path',
} as const;

export interface DeploymentFacts {
  name: string;
  buildId: string | null;
  model: { name: string; version: number } | null;
  port: number;
  network: 'bridge' | 'host';
  captureRate: number | null;
  auth: boolean;
  /** Whose it is: the workspace's id (kept when its folder moves) and its folder now, to show. */
  workspace: { id: string; path: string };
}

export function deploymentLabels(facts: DeploymentFacts): Record<string, string> {
  return {
    [LABEL.deployment]: facts.name,
    [LABEL.port]: String(facts.port),
    [LABEL.network]: facts.network,
    [LABEL.auth]: String(facts.auth),
    [LABEL.workspaceId]: facts.workspace.id,
    [LABEL.workspacePath]: facts.workspace.path,
    ...(facts.buildId ? { [LABEL.build]: facts.buildId } : {}),
    ...(facts.model
      ? { [LABEL.modelName]: facts.model.name, [LABEL.modelVersion]: String(facts.model.version) }
      : {}),
    ...(facts.captureRate === null ? {} : { [LABEL.captureRate]: String(facts.captureRate) }),
  };
}

const STATES = new Set(['created', 'running', 'restarting', 'paused', 'exited', 'dead']);
const HEALTH = new Set(['starting', 'healthy', 'unhealthy']);

/** The workspace a deployment's labels name, or null for a container labelled before workspaces were. */
export function workspaceOf(labels: Record<string, string>, currentId: string): Deployment['workspace'] {
  const id = labels[LABEL.workspaceId];
  if (!id) return null;
  return { id, path: labels[LABEL.workspacePath] ?? '', current: id === currentId };
}

/**
 * A deployment as the engine describes its container now; `currentWorkspace` is the id of the
 * workspace asking, which its own deployments are told apart by.
 */
export function deploymentOf(
  info: Dockerode.ContainerInspectInfo,
  urlHost: string,
  currentWorkspace: string,
): Deployment {
  const labels = info.Config.Labels;
  const port = Number(labels[LABEL.port]);
  const version = Number(labels[LABEL.modelVersion]);
  const modelName = labels[LABEL.modelName];
  const captureRate = labels[LABEL.captureRate];
  const name = labels[LABEL.deployment] ?? info.Name.replace(/^\//, '');
  const memory = info.HostConfig.Memory ?? 0;
  const nanoCpus = info.HostConfig.NanoCpus ?? 0;
  const state = STATES.has(info.State.Status) ? (info.State.Status as Deployment['state']) : 'dead';
  const health = info.State.Health?.Status;
  return {
    name,
    containerId: info.Id,
    image: info.Config.Image,
    buildId: labels[LABEL.build] ?? null,
    model: modelName && Number.isInteger(version) ? { name: modelName, version } : null,
    state,
    // Only a running container's health means anything: Podman keeps "starting" on one that exited.
    health: state === 'running' && health && HEALTH.has(health) ? (health as Deployment['health']) : 'none',
    url: `http://${urlHost}:${port}`,
    port,
    network: labels[LABEL.network] === 'host' ? 'host' : 'bridge',
    capture:
      captureRate === undefined ? null : { folder: `captures/${name}`, sampleRate: Number(captureRate) },
    auth: labels[LABEL.auth] === 'true',
    limits: { memoryBytes: memory > 0 ? memory : null, cpus: nanoCpus > 0 ? nanoCpus / 1e9 : null },
    createdAt: info.Created,
    exitCode: state === 'exited' || state === 'dead' ? info.State.ExitCode : null,
    workspace: workspaceOf(labels, currentWorkspace),
  };
}
