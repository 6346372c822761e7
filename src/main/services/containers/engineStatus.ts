import type Dockerode from 'dockerode';
import type { EngineStatus } from '../../../shared/contract/containers.js';
import type { DockerEndpoint } from './dockerEndpoint.js';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { unreachableError } from './engineErrors.js';

const ENGINE_TIMEOUT_MS = 3_000;

/** Asks the engine for its version and counts; an engine that is down is a status, not an error. */
export async function readEngineStatus(docker: Dockerode, where: DockerEndpoint): Promise<EngineStatus> {
  const endpoint = where.display;
  const origin = {
    ...(where.source ? { source: where.source } : {}),
    ...(where.context ? { context: where.context } : {}),
  };
  try {
    const [version, info] = await withTimeout(
      Promise.all([docker.version(), docker.info() as Promise<Record<string, unknown>>]),
      ENGINE_TIMEOUT_MS,
    );
    const product = (version as { Components?: { Name?: unknown }[] }).Components?.[0]?.Name;
    return {
      reachable: true,
      endpoint,
      ...origin,
      ...(typeof product === 'string' ? { product } : {}),
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      containersRunning: Number(info.ContainersRunning ?? 0),
      images: Number(info.Images ?? 0),
    };
  } catch (error) {
    // An ssh engine's own failures (host key, login) already say what happened and what to do.
    const explained = isWorkbenchError(error) ? error : unreachableError(endpoint, error);
    return { reachable: false, endpoint, ...origin, error: explained.toShape() };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
