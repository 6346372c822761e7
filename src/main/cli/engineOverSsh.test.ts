import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDockerEngine } from '../../../test/fixtures/dockerEngine.js';
import { sshServerSkipReason, startSshServer, type SshServer } from '../../../test/fixtures/sshServer.js';
import { IDLE_CLOSE_MS } from '../services/containers/ssh/sshDockerAgent.js';
import { builtCliSkipReason, spawnMlw } from './testing/spawnMlw.js';

// The built CLI (npm run build) against a real sshd in front of the test engine: ssh2 must load from
// the bundle's dependencies, and the command must end when its work does, not when the idle ssh
// connection times out.
const engine = await probeDockerEngine();
const skip = engine.skipReason ?? sshServerSkipReason() ?? builtCliSkipReason();
if (skip) console.warn(`Skipping mlw engine over ssh. ${skip}`);

describe.skipIf(skip !== undefined)('mlw engine over ssh', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshServer(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock');
  });
  afterAll(async () => {
    await engine.containers.dispose();
    await server?.stop();
  });

  it('reaches the engine and exits at once, without waiting for the idle connection', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'ed25519' });
    const started = Date.now();
    const { exit } = spawnMlw(
      join(home, 'workspace'),
      ['--docker-host', server.address, 'engine', '--json'],
      {
        HOME: home,
        SSH_AUTH_SOCK: '',
      },
    );
    const result = await exit;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      reachable: true,
      endpoint: server.address,
      version: engine.status.version,
    });
    expect(Date.now() - started).toBeLessThan(IDLE_CLOSE_MS);
  });
});
