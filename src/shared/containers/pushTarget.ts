import { parseImageReference } from './imageReference.js';

/** Where a push goes: the registry host and the full `registry/repository:tag` reference. */
export interface PushTarget {
  /** The host the login is for; docker.io when the reference names none, as Docker reads it. */
  registry: string;
  /** The repository as the engine tags it (with its registry, if one was named). */
  repository: string;
  tag: string;
  /** `repository:tag`, the tag `latest` when none was given. */
  reference: string;
}

export const DEFAULT_REGISTRY = 'docker.io';

/**
 * A push target as `containers.push` reads it: `[registry/]repository[:tag]`, no digest (a digest
 * is what a push makes, not where it goes). Returns why not, in words, when it is not one.
 */
export function parsePushTarget(text: string): { target: PushTarget } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Name where to push, e.g. ghcr.io/acme/churn:3' };
  const parsed = parseImageReference(trimmed);
  if (!parsed)
    return {
      problem: 'Not an image reference: lower-case registry/repository[:tag], e.g. ghcr.io/acme/churn:3',
    };
  if (parsed.digest)
    return { problem: 'A push target has no @digest: the registry gives the digest once pushed' };
  const repository = parsed.registry ? `${parsed.registry}/${parsed.repository}` : parsed.repository;
  const tag = parsed.tag ?? 'latest';
  return {
    target: {
      registry: parsed.registry ?? DEFAULT_REGISTRY,
      repository,
      tag,
      reference: `${repository}:${tag}`,
    },
  };
}
