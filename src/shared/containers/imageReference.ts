/**
 * An image reference as Docker reads it: `[registry/]repository[:tag][@digest]`
 * (the grammar of distribution/reference, which the engine and every registry client share).
 */
export interface ImageReference {
  /** The first path part when it names a host (has a dot or a port, or is localhost). */
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY =
  /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9.-]+:[0-9]+|\[[0-9a-fA-F:]+\](?::[0-9]+)?)$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Returns null where Docker would answer "invalid reference format". */
export function parseImageReference(text: string): ImageReference | null {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first === 'localhost' || first.includes('.') || first.includes(':'))) {
    if (!REGISTRY.test(first)) return null;
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((part) => PATH_COMPONENT.test(part))) return null;
  return {
    ...(registry === undefined ? {} : { registry }),
    repository: parts.join('/'),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}
