import { CONTENT_SECURITY_POLICY } from '../../shared/security/contentSecurityPolicy.js';
import { APP_HOST, APP_PAGE_URL, APP_SCHEME } from './appProtocol.js';

/**
 * The policy for the app's own page, sent as a header so the page cannot drop it (the `app:` handler
 * sets it on every response it makes; this hook covers the dev server; a page gets the stricter of
 * the header and the renderer's <meta> copy).
 * 'unsafe-inline' styles are the one concession: the component library writes <style> elements at
 * run time. Same-origin WebSockets (Vite's hot reload) are covered by connect-src 'self'.
 */
export { CONTENT_SECURITY_POLICY };

/** Where the app's own content comes from; everything else is foreign. */
export interface AppOrigin {
  /** The URL the window loads. */
  readonly entryUrl: string;
  /** The app's page itself: the frame that may call the workbench, the one place navigation may go. */
  readonly isAppPage: (url: string) => boolean;
  /** Anything the app serves (its page, scripts, styles): the responses that get the CSP header. */
  readonly isAppResource: (url: string) => boolean;
  /** True when the built files are served by our `app:` protocol handler (not a dev server). */
  readonly servesBuiltFiles: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The app loads only its built index.html through the `app:` scheme, or in development a dev server
 * on this machine. A dev URL that points anywhere else is refused outright rather than loaded as
 * remote content.
 */
export function appOrigin({ devServerUrl }: { devServerUrl?: string | undefined } = {}): AppOrigin {
  if (devServerUrl) {
    const dev = parseUrl(devServerUrl);
    if (!dev || dev.protocol !== 'http:' || !LOOPBACK_HOSTS.has(dev.hostname)) {
      throw new Error(
        `ELECTRON_RENDERER_URL must be an http://localhost URL, not ${JSON.stringify(devServerUrl)}.`,
      );
    }
    const sameOrigin = (url: string): boolean => parseUrl(url)?.origin === dev.origin;
    return { entryUrl: dev.href, isAppPage: sameOrigin, isAppResource: sameOrigin, servesBuiltFiles: false };
  }
  const isAppResource = (url: string): boolean => {
    const parsed = parseUrl(url);
    return parsed?.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '';
  };
  return {
    entryUrl: APP_PAGE_URL,
    isAppPage: (url) => {
      if (!isAppResource(url)) return false;
      const { pathname } = new URL(url);
      return pathname === '/index.html' || pathname === '/';
    },
    isAppResource,
    servesBuiltFiles: true,
  };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

type Headers = Record<string, string[]>;

/** The parts of an Electron Session this module configures. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Headers },
        callback: (response: { responseHeaders?: Headers }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/**
 * The CSP goes on the app's responses as a header, where the page cannot remove it; other responses
 * pass unchanged (navigation guards keep them from ever becoming the page). Every permission
 * (camera, notifications, clipboard reads, HID, ...) is refused: the workbench needs none.
 */
export function secureSession(session: SessionLike, isAppResource: (url: string) => boolean): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withPolicy(details.responseHeaders ?? {}) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function withPolicy(headers: Headers): Headers {
  const kept = Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** The parts of an Electron WebContents this module guards. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Applied to every WebContents the app creates: it never leaves its own page, never opens a second
 * window and never hosts a <webview>. A link the user opens in a new window goes to their browser,
 * but only for http(s): file:, smb: or custom schemes could start programs.
 */
export function guardWebContents(
  contents: WebContentsLike,
  { isAppPage, openExternal }: { isAppPage: (url: string) => boolean; openExternal: (url: string) => void },
): void {
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppPage(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export function isWebLink(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== undefined &&
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
