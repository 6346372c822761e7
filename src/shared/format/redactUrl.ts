/** `scheme://userinfo@` at the start of a URL; the userinfo runs to the last `@` before the host. */
const WITH_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?(.*)$/is;
/** The same inside free text (an error message, a log line): the userinfo has no spaces or slashes. */
const IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*@)/gi;

const HIDDEN = '***';

function redactUserinfo(scheme: string, userinfo: string): string {
  const info = userinfo.slice(0, -1);
  const colon = info.indexOf(':');
  // A password never shows. A lone user name is kept for ssh:// (it is how ssh reads, and what the
  // docker CLI shows); elsewhere a lone userinfo is usually a token, so it is hidden too.
  if (colon >= 0) return `${info.slice(0, colon) || HIDDEN}:${HIDDEN}@`;
  return /^ssh:\/\/$/i.test(scheme) ? userinfo : `${HIDDEN}@`;
}

/**
 * An endpoint as it may be shown, logged or put in JSON: `tcp://user:password@host:2375` becomes
 * `tcp://user:***@host:2375`. Anything without credentials (or not a URL) comes back unchanged.
 */
export function redactUrl(url: string): string {
  const match = WITH_USERINFO.exec(url);
  if (!match?.[2]) return url;
  const [, scheme = '', userinfo, rest = ''] = match;
  return `${scheme}${redactUserinfo(scheme, userinfo)}${rest}`;
}

/** Every URL with credentials inside a text, redacted as redactUrl does. */
export function redactUrlsIn(text: string): string {
  return text.replace(
    IN_TEXT,
    (_whole, scheme: string, userinfo: string) => `${scheme}${redactUserinfo(scheme, userinfo)}`,
  );
}
