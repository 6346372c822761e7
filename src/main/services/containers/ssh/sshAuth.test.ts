import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../../shared/contract/errors.js';
import { PreferredKeysAgent } from './preferredKeysAgent.js';
import { sshLogin } from './sshAuth.js';

const WHERE = 'ssh://deploy@build-box';
const PASSPHRASE = 'correct horse battery staple';

describe('how the workbench logs in to an ssh engine', () => {
  let home: string;
  const key = (name: string): string => join(home, '.ssh', name);
  const writeKey = async (name: string, passphrase?: string): Promise<string> => {
    const pair = ssh2.utils.generateKeyPairSync(
      'ed25519',
      passphrase ? { passphrase, cipher: 'aes256-ctr', rounds: 4 } : {},
    );
    await writeFile(key(name), pair.private, { mode: 0o600 });
    return pair.private;
  };
  const refusal = (setup: { authSock?: string }): Error => {
    try {
      sshLogin('deploy', WHERE, { home, authSock: setup.authSock });
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected sshLogin to refuse');
  };

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'mlw-ssh-home-'));
    await mkdir(join(home, '.ssh'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('tries the agent first, then the default keys in ssh’s order, naming each but not its contents', async () => {
    const rsa = await writeKey('id_rsa');
    const ed25519 = await writeKey('id_ed25519');
    const login = sshLogin('deploy', WHERE, { home, authSock: '/run/user/1000/agent.sock' });
    expect(login.methods.map((method) => method.type)).toEqual(['agent', 'publickey', 'publickey']);
    expect(login.methods[0]).toEqual({
      type: 'agent',
      username: 'deploy',
      agent: '/run/user/1000/agent.sock',
    });
    const keys = login.methods.map((method) => (method.type === 'publickey' ? (method.key as Buffer) : null));
    expect(keys.map((key) => key?.toString())).toEqual([undefined, ed25519, rsa]);
    expect(login.tried).toEqual(['the keys in ssh-agent', key('id_ed25519'), key('id_rsa')]);
  });

  it('leaves a passphrase-protected key to the agent', async () => {
    await writeKey('id_ed25519', PASSPHRASE);
    const login = sshLogin('deploy', WHERE, { home, authSock: '/tmp/agent.sock' });
    expect(login.methods.map((method) => method.type)).toEqual(['agent']);
  });

  it('asks for ssh-agent when the only key has a passphrase and no agent runs', async () => {
    const locked = await writeKey('id_ed25519', PASSPHRASE);
    const error = refusal({});
    expect(isWorkbenchError(error) && error.code).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot log in to ${WHERE}: ${key('id_ed25519')} is protected by a passphrase and no ssh-agent is running (SSH_AUTH_SOCK is not set).`,
    );
    expect(isWorkbenchError(error) && error.hint).toContain(`ssh-add ${key('id_ed25519')}`);
    expect(JSON.stringify(isWorkbenchError(error) && error.toShape())).not.toContain(locked.split('\n')[1]);
  });

  it('uses a key without passphrase beside a locked one', async () => {
    await writeKey('id_ed25519', PASSPHRASE);
    await writeKey('id_ecdsa');
    expect(sshLogin('deploy', WHERE, { home, authSock: undefined }).tried).toEqual([key('id_ecdsa')]);
  });

  it('tries the IdentityFile keys in their order, and no default file, once the config names some', async () => {
    await writeKey('id_ed25519');
    const builder = await writeKey('builder_key');
    const second = await writeKey('second_key');
    const login = sshLogin('deploy', WHERE, {
      home,
      authSock: '/tmp/agent.sock',
      identityFiles: [key('builder_key'), key('missing_key'), key('second_key')],
    });
    expect(login.tried).toEqual(['the keys in ssh-agent', key('builder_key'), key('second_key')]);
    const keys = login.methods.map((method) =>
      method.type === 'publickey' ? (method.key as Buffer).toString() : null,
    );
    expect(keys).toEqual([null, builder, second]);
    // The agent offers its copies of those keys first.
    expect(login.methods[0]?.type === 'agent' && login.methods[0].agent).toBeInstanceOf(PreferredKeysAgent);
  });

  it('takes a locked key’s .pub, or a public key named as IdentityFile, for the agent to offer', async () => {
    await writeKey('locked', PASSPHRASE);
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    await writeFile(key('agent_only.pub'), pair.public);
    const login = sshLogin('deploy', WHERE, {
      home,
      authSock: '/tmp/agent.sock',
      identityFiles: [key('locked'), key('agent_only.pub')],
      identitiesOnly: true,
    });
    // Neither is a key ssh2 could sign with itself: the agent, holding them, is all there is to try.
    expect(login.methods.map((method) => method.type)).toEqual(['agent']);
    expect(login.tried).toEqual(['the keys in ssh-agent that are among the identity files']);
  });

  it('names the configured files, and IdentityAgent none, when nothing is left to log in with', async () => {
    await writeKey('locked', PASSPHRASE);
    let thrown: unknown;
    try {
      sshLogin('deploy', WHERE, {
        home,
        authSock: undefined,
        agentOff: 'IdentityAgent none in /home/u/.ssh/config line 4',
        identityFiles: [key('locked')],
      });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe(
      `Cannot log in to ${WHERE}: ${key('locked')} is protected by a passphrase and ssh-agent is off for this host (IdentityAgent none in /home/u/.ssh/config line 4).`,
    );
    try {
      sshLogin('deploy', WHERE, { home, authSock: undefined, identityFiles: [key('gone')] });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toContain(`and there is no key in ${key('gone')}.`);
  });

  it('says how to make a key when there is neither a key nor an agent', () => {
    const error = refusal({});
    expect(error.message).toContain(
      'no ssh-agent is running (SSH_AUTH_SOCK is not set) and there is no key in',
    );
    expect(error.message).toContain(key('id_ed25519'));
    expect(isWorkbenchError(error) && error.hint).toContain('ssh-keygen -t ed25519');
  });
});
