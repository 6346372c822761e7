import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMlw } from './testing/runMlw.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-redact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Nothing listens on port 1, so each answers at once with "not reachable" and the endpoint. */
const hosts = [
  { host: 'tcp://user:password@127.0.0.1:1', secret: 'password', shown: 'tcp://user:***@127.0.0.1:1' },
  { host: 'http://user@127.0.0.1:1', secret: 'user@', shown: 'http://***@127.0.0.1:1' },
  { host: 'tcp://user:p%40ss%3Aw0rd@127.0.0.1:1', secret: 'p%40ss', shown: 'tcp://user:***@127.0.0.1:1' },
  { host: 'tcp://user:p@ss@127.0.0.1:1', secret: 'p@ss', shown: 'tcp://user:***@127.0.0.1:1' },
];

describe('mlw never prints Docker engine credentials', () => {
  it.each(hosts)('$host in mlw engine, its JSON and its error', async ({ host, secret, shown }) => {
    for (const json of [false, true]) {
      const { code, stdout, stderr } = await runMlw(join(dir, 'ws'), [
        '--docker-host',
        host,
        ...(json ? ['--json'] : []),
        'engine',
      ]);
      expect(code).toBe(1);
      expect(stdout + stderr).not.toContain(secret);
      expect(stdout + stderr).toContain(shown);
      if (json) expect(JSON.parse(stdout)).toMatchObject({ reachable: false, endpoint: shown });
    }
  });

  it('a DOCKER_HOST that is not a URL: engine says so without its password, other commands still work', async () => {
    const bad = ['--docker-host', 'tcp://user:pass word@[bad'];
    const engine = await runMlw(join(dir, 'ws'), [...bad, 'engine']);
    expect(engine.code).toBe(1);
    expect(engine.stdout + engine.stderr).not.toContain('pass word');
    expect(engine.stdout).toContain('tcp://user:***@[bad');
    expect(engine.stdout).toContain('is not a URL');
    const list = await runMlw(join(dir, 'ws'), [...bad, 'data', 'list']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
  });

  it('redacts DOCKER_HOST from the environment as well', async () => {
    const before = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://admin:s3cret@127.0.0.1:1';
    try {
      const { stdout, stderr } = await runMlw(join(dir, 'ws'), ['--json', 'engine']);
      expect(stdout + stderr).not.toContain('s3cret');
      expect(JSON.parse(stdout)).toMatchObject({ endpoint: 'tcp://admin:***@127.0.0.1:1' });
    } finally {
      if (before === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = before;
    }
  });
});
