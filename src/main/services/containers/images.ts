import type Dockerode from 'dockerode';
import type { ImageLayer } from '../../../shared/contract/containerBuilds.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { engineError, throwIfAborted } from './engineErrors.js';
import { followProgress, layerProgress } from './imageBuild.js';

export interface ImageDetails {
  id: string;
  sizeBytes: number;
  /** `repo@sha256:…` for an image pulled from a registry; empty for one built or imported here. */
  repoDigests: string[];
  labels: Record<string, string>;
  /** Newest first, as `docker history` lists them. */
  layers: ImageLayer[];
}

const statusOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;

/** An image's id, size, digests and layers; undefined when the engine has no such image. */
export async function imageDetails(
  docker: Dockerode,
  endpoint: string,
  reference: string,
  signal?: AbortSignal,
): Promise<ImageDetails | undefined> {
  throwIfAborted(signal, `inspect ${reference}`);
  try {
    const image = docker.getImage(reference);
    const facts = await image.inspect();
    const history = (await image.history()) as { Id: string; CreatedBy: string; Size: number }[];
    return {
      id: facts.Id,
      sizeBytes: facts.Size,
      repoDigests: facts.RepoDigests ?? [],
      labels: facts.Config.Labels ?? {},
      layers: history.map((layer) => ({
        id: layer.Id,
        createdBy: layer.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, ''),
        sizeBytes: layer.Size,
      })),
    };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw engineError(endpoint, error, `inspect ${reference}`, signal);
  }
}

/**
 * Pulls an image, reporting the bytes of its layers as they arrive. A registry that cannot be
 * reached (an air-gapped engine) becomes one clear error naming the image and the way around it.
 */
export async function pullImage(
  docker: Dockerode,
  endpoint: string,
  reference: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, line: string) => void },
): Promise<void> {
  const { signal, onProgress } = options;
  const track = layerProgress(onProgress);
  let failure: string | undefined;
  try {
    const stream = await docker.pull(reference, { abortSignal: signal });
    await followProgress(docker, stream, signal, (message) => {
      if (message.error) failure = message.error;
      track(message);
    });
  } catch (error) {
    const mapped = engineError(endpoint, error, `pull ${reference}`, signal);
    if (mapped.code !== 'DOCKER_FAILED') throw mapped;
    failure = mapped.message;
  }
  if (failure !== undefined)
    throw new WorkbenchError({
      code: 'DOCKER_FAILED',
      message: `The base image ${reference} is not on the engine at ${endpoint}, and pulling it failed: ${failure}`,
      hint: 'Pull it where a registry is reachable, or build on a local image with --base (mlw container base makes one from this machine).',
      details: { endpoint, reference },
    });
}
