import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { matchesPatternList } from './sshPatterns.js';

/**
 * OpenSSH's known_hosts, read as `ssh` reads it: plain and hashed (`|1|salt|hash`) host names,
 * comma-separated patterns with `*`, `?` and `!` negation, `[host]:port` for a port other than 22,
 * and `@revoked` keys. `@cert-authority` lines are skipped: they vouch for host certificates, which
 * the ssh client here does not negotiate.
 */
export interface KnownHostEntry {
  readonly file: string;
  /** 1-based, as `ssh` and `ssh-keygen -F` number them. */
  readonly line: number;
  readonly marker: 'revoked' | undefined;
  readonly hosts: string;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly status: 'known'; readonly entry: KnownHostEntry }
  | { readonly status: 'revoked'; readonly entry: KnownHostEntry }
  /** The host is known with another key of the same type: it changed, or someone is in between. */
  | { readonly status: 'changed'; readonly entry: KnownHostEntry }
  | { readonly status: 'unknown' };

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') return;
      marker = 'revoked';
      fields.shift();
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) return;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0 || blobType(key) !== keyType) return;
    entries.push({ file, line: index + 1, marker, hosts, keyType, key });
  });
  return entries;
}

/** The name a host is filed under: `host` on port 22, `[host]:port` on any other. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyVerdict {
  const forHost = entries.filter((entry) => matchesHost(entry.hosts, name));
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && entry.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const plain = forHost.filter((entry) => entry.marker === undefined);
  const known = plain.find((entry) => entry.key.equals(key));
  if (known) return { status: 'known', entry: known };
  const type = blobType(key);
  const changed = plain.find((entry) => entry.keyType === type);
  return changed ? { status: 'changed', entry: changed } : { status: 'unknown' };
}

/** The key types known for a host, in file order: the client asks for these first, as `ssh` does. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entries
    .filter((entry) => entry.marker === undefined && matchesHost(entry.hosts, name))
    .map((entry) => entry.keyType);
  return [...new Set(types)];
}

/** `SHA256:…` as `ssh` and `ssh-keygen -l` print it. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** ED25519, ECDSA, RSA: the word `ssh` uses when it names a key's type. */
export function keyTypeLabel(key: Buffer): string {
  const type = blobType(key);
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  return type;
}

/** A public key blob starts with its type as an SSH string (uint32 length, then the name). */
function blobType(key: Buffer): string {
  if (key.length < 4) return '';
  const length = key.readUInt32BE(0);
  return length > 0 && 4 + length <= key.length ? key.subarray(4, 4 + length).toString('latin1') : '';
}

function matchesHost(hosts: string, name: string): boolean {
  return hosts.startsWith('|1|') ? matchesHashed(hosts, name) : matchesPatternList(hosts, name);
}

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, as `HashKnownHosts yes` writes them. */
function matchesHashed(hosts: string, name: string): boolean {
  const [, , salt, hash] = hosts.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
