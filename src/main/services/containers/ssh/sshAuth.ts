import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type AgentAuthMethod, type PublicKeyAuthMethod } from 'ssh2';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { PreferredKeysAgent } from './preferredKeysAgent.js';

/** Where the user's keys are; passed in so tests use a temp home and no agent. */
export interface SshUserSetup {
  readonly home: string;
  /** The running ssh-agent's socket (SSH_AUTH_SOCK, or IdentityAgent), if any. */
  readonly authSock: string | undefined;
  /** Where ~/.ssh/config turned the agent off (IdentityAgent none), for a message to say. */
  readonly agentOff?: string | undefined;
  /** IdentityFile paths, in order; undefined: ssh's default files. */
  readonly identityFiles?: readonly string[] | undefined;
  /** IdentitiesOnly yes: of the agent's keys, only those of the identity files. */
  readonly identitiesOnly?: boolean;
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

interface Identity {
  readonly path: string;
  /** The private key, when it needs no passphrase. */
  readonly usable: Buffer | undefined;
  readonly locked: boolean;
  /** Its public key blob (from the key, or the .pub beside it), for the agent to offer it first. */
  readonly publicKey: Buffer | undefined;
}

/**
 * How to log in, as the docker CLI's `ssh` would: the agent's keys first, then each identity file
 * that needs no passphrase: those IdentityFile names, or where it names none, the default ones.
 * Once IdentityFile names keys, the agent offers its copies of them first, and only those under
 * IdentitiesOnly. A passphrase-protected file is left to the agent, which holds it unlocked; the
 * workbench never asks for, keeps or shows a passphrase or a private key.
 */
export function sshLogin(username: string, where: string, user: SshUserSetup): SshLogin {
  const paths = user.identityFiles ?? DEFAULT_IDENTITIES.map((name) => join(user.home, '.ssh', name));
  const identities = paths.map(readIdentity);
  const methods: SshAuthMethod[] = [];
  const tried: string[] = [];
  if (user.authSock) {
    const ordered = user.identityFiles !== undefined || user.identitiesOnly === true;
    const preferred = identities.flatMap((identity) => (identity.publicKey ? [identity.publicKey] : []));
    methods.push({
      type: 'agent',
      username,
      agent: ordered
        ? new PreferredKeysAgent(user.authSock, preferred, user.identitiesOnly === true)
        : user.authSock,
    });
    tried.push(
      user.identitiesOnly
        ? 'the keys in ssh-agent that are among the identity files'
        : 'the keys in ssh-agent',
    );
  }
  for (const identity of identities) {
    if (!identity.usable) continue;
    methods.push({ type: 'publickey', username, key: identity.usable });
    tried.push(identity.path);
  }
  if (methods.length > 0) return { methods, tried };
  const noAgent = user.agentOff
    ? `ssh-agent is off for this host (${user.agentOff})`
    : 'no ssh-agent is running (SSH_AUTH_SOCK is not set)';
  const locked = identities.filter((identity) => identity.locked).map((identity) => identity.path);
  if (locked.length > 0)
    throw new WorkbenchError({
      code: 'DOCKER_UNREACHABLE',
      message: `Cannot log in to ${where}: ${locked.join(' and ')} ${locked.length > 1 ? 'are' : 'is'} protected by a passphrase and ${noAgent}.`,
      hint: `Add the key to ssh-agent (\`eval "$(ssh-agent)" && ssh-add ${locked[0]}\`) and start the workbench from that shell; the workbench does not ask for passphrases.`,
      details: { endpoint: where },
    });
  throw new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `Cannot log in to ${where}: ${noAgent} and there is no key in ${paths.join(', ')}.`,
    hint: 'Create a key with `ssh-keygen -t ed25519` and put its .pub into the remote user’s ~/.ssh/authorized_keys (`ssh-copy-id`), or start ssh-agent with your key.',
    details: { endpoint: where },
  });
}

/**
 * A key file as ssh reads it: a private key without passphrase is used; a locked one, or a public
 * key named as IdentityFile (for a key that lives only in the agent), tells the agent which to offer.
 */
function readIdentity(path: string): Identity {
  const key = readKey(path);
  const parsed = key ? ssh2.utils.parseKey(key) : undefined;
  if (key && parsed && !(parsed instanceof Error))
    return {
      path,
      usable: parsed.isPrivateKey() ? key : undefined,
      locked: false,
      publicKey: parsed.getPublicSSH(),
    };
  const locked = parsed instanceof Error && /passphrase/i.test(parsed.message);
  const pub = readKey(`${path}.pub`);
  const parsedPub = pub ? ssh2.utils.parseKey(pub) : undefined;
  const publicKey = parsedPub && !(parsedPub instanceof Error) ? parsedPub.getPublicSSH() : undefined;
  return { path, usable: undefined, locked, publicKey };
}

function readKey(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
