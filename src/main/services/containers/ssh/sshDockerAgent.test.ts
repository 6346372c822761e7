import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainerService } from '../containerService.js';

// What needs no sshd: an address where nothing listens. The rest is proven against a real sshd in
// sshEngine.integration.test.ts.
describe('an ssh engine that cannot be reached', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'mlw-ssh-agent-'));
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'id_ed25519'), ssh2.utils.generateKeyPairSync('ed25519').private);
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('says no ssh connection could be made, and how to check', async () => {
    const port = await closedPort();
    const containers = createContainerService({
      dockerHost: `ssh://ml@127.0.0.1:${port}`,
      env: { HOME: home },
      systemSshConfig: join(home, 'no-system-ssh-config'),
      globalKnownHosts: [],
    });
    const status = await containers.engineStatus();
    await containers.dispose();
    expect(status).toMatchObject({ reachable: false, error: { code: 'DOCKER_UNREACHABLE' } });
    expect(status.error?.message).toBe(
      `The Docker engine at ssh://ml@127.0.0.1:${port} is not reachable: no ssh connection to 127.0.0.1 port ${port} (connect ECONNREFUSED 127.0.0.1:${port}).`,
    );
    expect(status.error?.hint).toContain(`ssh -p ${port} ml@127.0.0.1`);
  });
});

/** A loopback port that was free a moment ago, so nothing listens on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
