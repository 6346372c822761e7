import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  appOrigin,
  guardWebContents,
  isWebLink,
  secureSession,
  type SessionLike,
  type WebContentsLike,
} from './security.js';

const builtOrigin = appOrigin();
const indexUrl = 'app://workbench/index.html';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  it('allows only the app itself: inline styles and its own blob workers are the exceptions', () => {
    expect(Object.fromEntries(directives(CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'worker-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });
});

function fakeSession() {
  let onHeaders: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
  let onRequest: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
  let onCheck: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
  const session: SessionLike = {
    webRequest: { onHeadersReceived: (listener) => (onHeaders = listener) },
    setPermissionRequestHandler: (handler) => (onRequest = handler),
    setPermissionCheckHandler: (handler) => (onCheck = handler),
  };
  return {
    session,
    headersFor(url: string, responseHeaders?: Record<string, string[]>) {
      const callback = vi.fn();
      onHeaders?.({ url, ...(responseHeaders ? { responseHeaders } : {}) }, callback);
      return callback.mock.calls[0]?.[0] as { responseHeaders?: Record<string, string[]> } | undefined;
    },
    request(permission: string) {
      const callback = vi.fn();
      onRequest?.({}, permission, callback);
      return callback.mock.calls as unknown[][];
    },
    check: (permission: string) => onCheck?.({}, permission),
  };
}

describe('session hardening', () => {
  it("puts the CSP header on the app's responses, replacing any other", () => {
    const fake = fakeSession();
    secureSession(fake.session, builtOrigin.isAppResource);

    const page = fake.headersFor(indexUrl, {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(page?.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    const script = fake.headersFor('app://workbench/assets/index-abc.js');
    expect(script?.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(fake.headersFor('https://evil.example/', { 'X-Other': ['1'] })).toEqual({});
  });

  it('denies every permission request and check', () => {
    const fake = fakeSession();
    secureSession(fake.session, builtOrigin.isAppResource);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'hid',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      expect(fake.request(permission)).toEqual([[false]]);
      expect(fake.check(permission)).toBe(false);
    }
  });
});

describe('app origin', () => {
  it("recognises only the built index.html on the app: scheme as the app's page", () => {
    expect(builtOrigin.entryUrl).toBe(indexUrl);
    expect(builtOrigin.servesBuiltFiles).toBe(true);
    expect(builtOrigin.isAppPage(indexUrl)).toBe(true);
    expect(builtOrigin.isAppPage('app://workbench/')).toBe(true);
    expect(builtOrigin.isAppPage(`${indexUrl}#/datasets`)).toBe(true);
    for (const url of [
      'app://workbench/other.html',
      'app://evil/index.html',
      'app://user@workbench/index.html',
      'file:///opt/mlw/out/renderer/index.html',
      'https://workbench/index.html',
      'https://evil.example/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(builtOrigin.isAppPage(url), url).toBe(false);
    }
  });

  it('treats only app://workbench URLs as app resources; file: URLs are foreign now', () => {
    expect(builtOrigin.isAppResource('app://workbench/assets/a.css')).toBe(true);
    for (const url of [
      'app://other/a.js',
      'file:///opt/mlw/out/renderer/index.html',
      'file:///etc/passwd',
      'https://workbench/a.js',
    ]) {
      expect(builtOrigin.isAppResource(url), url).toBe(false);
    }
  });

  it('loads a dev server only from this machine, and trusts exactly its origin', () => {
    const dev = appOrigin({ devServerUrl: 'http://localhost:5173' });
    expect(dev.entryUrl).toBe('http://localhost:5173/');
    expect(dev.servesBuiltFiles).toBe(false);
    expect(dev.isAppPage('http://localhost:5173/#/models')).toBe(true);
    expect(dev.isAppPage('http://localhost:5174/')).toBe(false);
    expect(dev.isAppPage(indexUrl)).toBe(false);
    for (const remote of [
      'http://192.168.1.20:5173',
      'https://localhost:5173',
      'http://localhost.evil.example:5173',
      'file:///tmp/index.html',
      'nonsense',
    ]) {
      expect(() => appOrigin({ devServerUrl: remote }), remote).toThrow(/localhost/);
    }
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: WebContentsLike = {
    on: (event: string, listener: (event: { url: string; preventDefault(): void }) => void) =>
      listeners.set(event, listener),
    setWindowOpenHandler: (handler) => (openHandler = handler),
  };
  return {
    contents,
    /** Fires an event and says whether the guard prevented it. */
    fire(event: string, url = ''): boolean {
      const preventDefault = vi.fn();
      listeners.get(event)?.({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('web contents guard', () => {
  it('keeps every window on the app page and refuses webviews', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents, { isAppPage: builtOrigin.isAppPage, openExternal: vi.fn() });

    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', indexUrl)).toBe(false);
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('opens no window, and hands only plain web links to the browser', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    guardWebContents(fake.contents, { isAppPage: builtOrigin.isAppPage, openExternal });

    for (const url of [
      'https://onnx.ai/',
      'http://example.com/docs',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
      indexUrl,
    ]) {
      expect(fake.open(url), url).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://onnx.ai/'], ['http://example.com/docs']]);
    expect(isWebLink('ms-settings:privacy')).toBe(false);
  });
});
