import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { deploymentLabels, deploymentOf } from './deploymentLabels.js';

/** The fields of a container's inspect report that a deployment is read from. */
function inspected(state: { Status: string; Health?: { Status: string }; ExitCode?: number }) {
  const labels = deploymentLabels({
    name: 'softmax-a1',
    buildId: 'softmax-v1-20261207-105751',
    model: { name: 'softmax', version: 1 },
    port: 41883,
    network: 'host',
    captureRate: null,
    auth: false,
  });
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
    );
    expect(deployment).toMatchObject({ state: 'running', health: 'healthy', url: 'http://127.0.0.1:41883' });
  });

  it('reports no health for a container that stopped, though Podman keeps its last "starting"', () => {
    const deployment = deploymentOf(
      inspected({ Status: 'exited', Health: { Status: 'starting' }, ExitCode: 143 }),
      '127.0.0.1',
    );
    expect(deployment).toMatchObject({ state: 'exited', health: 'none', exitCode: 143 });
  });
});
