import type Dockerode from 'dockerode';
import type { EngineStatus } from '../../../shared/contract/containers.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';

const ENGINE_TIMEOUT_MS = 3_000;

/** Asks the engine for its version and counts; an engine that is down is a status, not an error. */
export async function readEngineStatus(docker: Dockerode, endpoint: string): Promise<EngineStatus> {
  try {
    const [version, info] = await withTimeout(Promise.all([docker.version(), docker.info() as Promise<Record<string, unknown>>]), ENGINE_TIMEOUT_MS);
    return {
      reachable: true,
      endpoint,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      containersRunning: Number(info.ContainersRunning ?? 0),
      images: Number(info.Images ?? 0),
    };
  } catch (error) {
    return { reachable: false, endpoint, error: unreachableError(endpoint, error).toShape() };
  }
}

export function unreachableError(endpoint: string, error: unknown): WorkbenchError {
  const reason = error instanceof Error ? error.message : String(error);
  const permission = /EACCES|permission denied/i.test(reason);
  return new WorkbenchError(
    {
      code: 'DOCKER_UNREACHABLE',
      message: `The Docker engine at ${endpoint} is not reachable (${reason}).`,
      hint: permission
        ? 'Your user may not access the Docker socket: add it to the docker group, or point the workbench at another engine.'
        : 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST to a reachable engine.',
      details: { endpoint },
    },
    { cause: error },
  );
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
