import type Dockerode from 'dockerode';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** How a deployment's port reaches 127.0.0.1: published from the engine's bridge, or the host's own. */
export type DeploymentNetwork = 'bridge' | 'host';

/**
 * MLW_DEPLOY_NETWORK, for an engine whose bridge exists but cannot publish ports (a rootful Podman
 * inside a container without iptables, say): `host` or `bridge` forces one, `auto` or nothing asks
 * the engine.
 */
export function networkSetting(value: string | undefined): DeploymentNetwork | undefined {
  const setting = value?.trim().toLowerCase();
  if (!setting || setting === 'auto') return undefined;
  if (setting === 'bridge' || setting === 'host') return setting;
  throw new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `MLW_DEPLOY_NETWORK is "${value}", which is not a way to run deployments.`,
    hint: 'Set it to host, bridge or auto (the default: bridge where the engine has one), or unset it.',
  });
}

/**
 * Bridge where the engine has a network called bridge, else host networking (an engine started
 * without one, as our CI's). The network is asked for by name, not found in a filtered list: Podman
 * answers GET /networks/bridge with its default network, but its list filter matches only that
 * network's own name ("podman").
 */
export async function engineNetwork(docker: Dockerode): Promise<DeploymentNetwork> {
  try {
    await docker.getNetwork('bridge').inspect();
    return 'bridge';
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return 'host';
    throw error;
  }
}
