/**
 * The one policy both window hosts send (Electron's session header, browser mode's HTTP header): only
 * the app's own scripts, styles, sockets and workers. `blob:` workers are the notebooks' JavaScript
 * cells and Monaco's language workers; inline styles are the component library's.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
