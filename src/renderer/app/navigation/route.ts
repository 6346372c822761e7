import { useSyncExternalStore } from 'react';
import { isSectionId, type SectionId } from './sections.js';

/**
 * Where the user is: a section and, for sections with items, the open item. Kept in the URL hash so
 * back/forward and reload work the same under Electron's file URL and the browser host.
 */
export interface Route {
  section: SectionId;
  item?: string;
}

const DEFAULT_ROUTE: Route = { section: 'data' };

export function parseRoute(hash: string): Route {
  const [section = '', item] = hash.replace(/^#\/?/, '').split('/');
  if (!isSectionId(section)) return DEFAULT_ROUTE;
  const decoded = item ? safeDecode(item) : undefined;
  return decoded ? { section, item: decoded } : { section };
}

export function routeHash(route: Route): string {
  return route.item ? `#/${route.section}/${encodeURIComponent(route.item)}` : `#/${route.section}`;
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
