import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ssh2, { type ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreferredKeysAgent } from './preferredKeysAgent.js';

const run = promisify(execFile);
const hasAgent = existsSync('/usr/bin/ssh-agent') && existsSync('/usr/bin/ssh-add');
if (!hasAgent)
  console.warn('Skipping the ssh-agent ordering test: ssh-agent is not installed (openssh-client).');

// A real ssh-agent holding two keys, as the user's would.
describe.skipIf(!hasAgent)('the agent’s keys once IdentityFile names one', () => {
  let dir: string;
  let agent: ChildProcess;
  let socket: string;
  const first = ssh2.utils.generateKeyPairSync('ed25519');
  const second = ssh2.utils.generateKeyPairSync('ed25519');
  const blob = (publicKey: string): Buffer => Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
  const identities = (preferred: Buffer[], only: boolean): Promise<Buffer[]> =>
    new Promise((resolve, reject) => {
      new PreferredKeysAgent(socket, preferred, only).getIdentities((error, keys) =>
        error ? reject(error) : resolve((keys ?? []).map((key) => (key as ParsedKey).getPublicSSH())),
      );
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlw-ssh-agent-'));
    socket = join(dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(socket); i += 1) await new Promise((done) => setTimeout(done, 50));
    for (const [name, pair] of [
      ['first', first],
      ['second', second],
    ] as const) {
      await writeFile(join(dir, name), pair.private, { mode: 0o600 });
      await run('ssh-add', ['-q', join(dir, name)], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    }
  });
  afterAll(async () => {
    if (agent.exitCode === null) {
      const exited = new Promise((done) => agent.once('exit', done));
      agent.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('offers the named key first, then the others, as ssh does', async () => {
    expect(await identities([blob(second.public)], false)).toEqual([blob(second.public), blob(first.public)]);
  });

  it('offers the named key alone under IdentitiesOnly, and none when the agent does not hold it', async () => {
    expect(await identities([blob(second.public)], true)).toEqual([blob(second.public)]);
    const stranger = ssh2.utils.generateKeyPairSync('ed25519');
    expect(await identities([blob(stranger.public)], true)).toEqual([]);
  });
});
