import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryCredentials } from '../../../../shared/contract/containerShip.js';

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Docker Hub's key in config.json, under whichever name the image gave it. */
const DOCKER_HUB_KEYS = [
  'https://index.docker.io/v1/',
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io',
];

const keysFor = (registry: string): string[] =>
  DOCKER_HUB_KEYS.includes(registry)
    ? DOCKER_HUB_KEYS
    : [registry, `https://${registry}`, `http://${registry}`];

/** $DOCKER_CONFIG/config.json, or ~/.docker/config.json. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

/**
 * A registry's login as `docker login` left it: a credential helper (`credHelpers` for the registry,
 * else `credsStore`) when one is named and installed, else the base64 `auth` of `auths`.
 */
export async function dockerConfigCredentials(
  registry: string,
  configPath: string,
): Promise<{ credentials: RegistryCredentials; source: 'docker-config' | 'credential-helper' } | undefined> {
  const config = await readFile(configPath, 'utf8')
    .then((text) => JSON.parse(text) as DockerConfig)
    .catch(() => undefined);
  if (!config) return undefined;
  const keys = keysFor(registry);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) {
    for (const key of keys) {
      const fromHelper = await askHelper(helper, key);
      if (fromHelper) return { credentials: fromHelper, source: 'credential-helper' };
    }
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0)
        return {
          credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
          source: 'docker-config',
        };
    }
    if (entry.username && entry.password)
      return { credentials: { username: entry.username, password: entry.password }, source: 'docker-config' };
  }
  return undefined;
}

/** `docker-credential-<helper> get` with the server on stdin; nothing when it is absent or has no entry. */
function askHelper(helper: string, server: string): Promise<RegistryCredentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = spawn(`docker-credential-${helper}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => child.kill(), 10_000);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return resolve(undefined);
      try {
        const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
        resolve(
          parsed.Username && parsed.Secret
            ? { username: parsed.Username, password: parsed.Secret }
            : undefined,
        );
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(server);
  });
}
