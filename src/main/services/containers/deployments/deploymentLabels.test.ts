import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { deploymentLabels, deploymentOf, LABEL, workspaceOf } from './deploymentLabels.js';

const THIS_WORKSPACE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_WORKSPACE = '16fd2706-8baf-433b-82eb-8c7fada847da';

const facts = {
  name: 'softmax-a1',
  buildId: 'softmax-v1-20261207-105751',
  model: { name: 'softmax', version: 1 },
  port: 41883,
  network: 'host',
  captureRate: null,
  auth: false,
  workspace: { id: THIS_WORKSPACE, path: '/home/ada/churn-study' },
} as const;

/** The fields of a container's inspect report that a deployment is read from. */
function inspected(
  state: { Status: string; Health?: { Status: string }; ExitCode?: number },
  labels: Record<string, string> = deploymentLabels(facts),
) {
  return {
    Id: 'c0ffee',
    Name: '/softmax-a1',
    Created: '2026-12-07T11:23:49Z',
    Config: { Image: 'docker.io/mlw/softmax:1', Labels: labels },
    HostConfig: {},
    State: { ExitCode: 0, ...state },
  } as unknown as Dockerode.ContainerInspectInfo;
}

describe('deploymentOf', () => {
  it("reports a running container's health", () => {
    const deployment = deploymentOf(
      inspected({ Status: 'running', Health: { Status: 'healthy' } }),
      '127.0.0.1',
      THIS_WORKSPACE,
    );
    expect(deployment).toMatchObject({ state: 'running', health: 'healthy', url: 'http://127.0.0.1:41883' });
  });

  it('reports no health for a container that stopped, though Podman keeps its last "starting"', () => {
    const deployment = deploymentOf(
      inspected({ Status: 'exited', Health: { Status: 'starting' }, ExitCode: 143 }),
      '127.0.0.1',
      THIS_WORKSPACE,
    );
    expect(deployment).toMatchObject({ state: 'exited', health: 'none', exitCode: 143 });
  });

  it('names the workspace that started it, and whether that is the one asking', () => {
    const running = inspected({ Status: 'running' });
    expect(deploymentOf(running, '127.0.0.1', THIS_WORKSPACE).workspace).toEqual({
      id: THIS_WORKSPACE,
      path: '/home/ada/churn-study',
      current: true,
    });
    expect(deploymentOf(running, '127.0.0.1', OTHER_WORKSPACE).workspace).toMatchObject({ current: false });
  });

  it('names no workspace for a container an older workbench started, without the labels', () => {
    const { [LABEL.workspaceId]: _id, [LABEL.workspacePath]: _path, ...older } = deploymentLabels(facts);
    expect(deploymentOf(inspected({ Status: 'running' }, older), '127.0.0.1', THIS_WORKSPACE)).toMatchObject({
      name: 'softmax-a1',
      workspace: null,
    });
  });
});

describe('deploymentLabels', () => {
  it("labels the container with the workspace's id and folder", () => {
    expect(deploymentLabels(facts)).toMatchObject({
      [LABEL.deployment]: 'softmax-a1',
      'io.mlops-workbench.workspace.id': THIS_WORKSPACE,
      'io.mlops-workbench.workspace.path': '/home/ada/churn-study',
    });
  });
});

describe('workspaceOf', () => {
  it('keeps the id when a container has no folder label', () => {
    expect(workspaceOf({ [LABEL.workspaceId]: OTHER_WORKSPACE }, THIS_WORKSPACE)).toEqual({
      id: OTHER_WORKSPACE,
      path: '',
      current: false,
    });
  });
});
