import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type AgentAuthMethod, type PublicKeyAuthMethod } from 'ssh2';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** Where the user's ssh setup is; passed in so tests use a temp home and no agent. */
export interface SshUserSetup {
  readonly home: string;
  /** SSH_AUTH_SOCK: the running ssh-agent, if any. */
  readonly authSock: string | undefined;
}

export type SshAuthMethod = AgentAuthMethod | PublicKeyAuthMethod;

export interface SshLogin {
  /** In the order ssh2 tries them. */
  readonly methods: SshAuthMethod[];
  /** What each method is, for a refused login to say what was tried: never a key itself. */
  readonly tried: string[];
}

/** The identity files `ssh` tries when ~/.ssh/config names none, in its order. */
export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

/**
 * How to log in, as the docker CLI's `ssh` would: the agent's keys first, then each default identity
 * file that needs no passphrase. A passphrase-protected file is left to the agent, which holds it
 * unlocked; the workbench never asks for, keeps or shows a passphrase or a private key.
 */
export function sshLogin(username: string, where: string, user: SshUserSetup): SshLogin {
  const methods: SshAuthMethod[] = [];
  const tried: string[] = [];
  if (user.authSock) {
    methods.push({ type: 'agent', username, agent: user.authSock });
    tried.push('the keys in ssh-agent');
  }
  const locked: string[] = [];
  for (const name of DEFAULT_IDENTITIES) {
    const path = join(user.home, '.ssh', name);
    let key: Buffer;
    try {
      key = readFileSync(path);
    } catch {
      continue;
    }
    const parsed = ssh2.utils.parseKey(key);
    if (!(parsed instanceof Error)) {
      methods.push({ type: 'publickey', username, key });
      tried.push(path);
    } else if (/passphrase/i.test(parsed.message)) locked.push(path);
  }
  if (methods.length > 0) return { methods, tried };
  if (locked.length > 0)
    throw new WorkbenchError({
      code: 'DOCKER_UNREACHABLE',
      message: `Cannot log in to ${where}: ${locked.join(' and ')} ${locked.length > 1 ? 'are' : 'is'} protected by a passphrase and no ssh-agent is running (SSH_AUTH_SOCK is not set).`,
      hint: `Add the key to ssh-agent (\`eval "$(ssh-agent)" && ssh-add ${locked[0]}\`) and start the workbench from that shell; the workbench does not ask for passphrases.`,
      details: { endpoint: where },
    });
  throw new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `Cannot log in to ${where}: no ssh-agent is running (SSH_AUTH_SOCK is not set) and there is no key in ${DEFAULT_IDENTITIES.map((name) => join(user.home, '.ssh', name)).join(', ')}.`,
    hint: 'Create a key with `ssh-keygen -t ed25519` and put its .pub into the remote user’s ~/.ssh/authorized_keys (`ssh-copy-id`), or start ssh-agent with your key.',
    details: { endpoint: where },
  });
}
