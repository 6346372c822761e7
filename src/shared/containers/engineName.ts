import type { EngineStatus } from '../contract/containers.js';

/**
 * The name people know the engine by, for the status bar and the CLI: Podman when it says so in
 * its version report ("Podman Engine") or was found at Podman's socket, else Docker (which calls
 * itself just "Engine").
 */
export function engineName(status: Pick<EngineStatus, 'product' | 'source'>): 'Podman' | 'Docker' {
  return status.product?.startsWith('Podman') || status.source === 'podman' ? 'Podman' : 'Docker';
}
