import { readFileSync } from 'node:fs';
import { Agent, type ClientRequestArgs } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { DialStdioStream } from './dialStdioStream.js';
import {
  checkHostKey,
  hostKeyFingerprint,
  keyTypeLabel,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
  type HostKeyVerdict,
  type KnownHostEntry,
} from './knownHosts.js';
import { sshLogin, type SshLogin } from './sshAuth.js';
import { resolveSshConfig, type SshAddressAsWritten, type SshHostConfig } from './sshConfig.js';

/** The engine's ssh side: the address with ~/.ssh/config applied. */
interface SshTarget {
  /** HostName: where the connection goes. */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The address as shown (redacted), for messages. */
  readonly display: string;
  /** The host as the address names it, which may be an alias of ~/.ssh/config. */
  readonly alias: string;
  /** What follows `ssh` for the user's own ssh to log in as the workbench does, e.g. `-p 2222 deploy@build-box`. */
  readonly sshArgs: string;
}

/** Where the user's ssh setup is; passed in so tests use a temp home, config and no agent. */
export interface SshAgentSetup {
  readonly home: string;
  readonly localUser: string;
  /** SSH_AUTH_SOCK, and the variables `${NAME}` in ~/.ssh/config stands for. */
  readonly env: NodeJS.ProcessEnv;
  /** ~/.ssh/config by default. */
  readonly userConfig?: string;
  /** /etc/ssh/ssh_config by default. */
  readonly systemConfig?: string;
  /** The system-wide known hosts files where the config names none; /etc/ssh's by default. */
  readonly globalKnownHosts?: readonly string[];
}

/** What the docker CLI runs on the remote side: the engine's API over the channel's stdin and stdout. */
const DIAL_STDIO = 'docker system dial-stdio';
/** sshd allows 10 sessions on one connection by default (MaxSessions); keep under it. */
const MAX_CHANNELS = 8;
/** An idle connection is closed after this; a new request opens another. */
export const IDLE_CLOSE_MS = 10_000;
const GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
const SYSTEM_CONFIG = '/etc/ssh/ssh_config';
/**
 * The host key algorithms ssh2 offers by default, in its order, less ssh-rsa: its SHA-1 signatures
 * are off in OpenSSH since 8.8, and an RSA host key is still accepted with SHA-2 signatures.
 */
const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

/**
 * Docker's HTTP API over ssh, as `docker -H ssh://…` does it: one ssh connection, to the host,
 * port and user that ~/.ssh/config makes of the address, logged in as the user's own ssh would
 * (agent, identity files), the host checked against known_hosts, and each HTTP connection a
 * `docker system dial-stdio` session on it. Every failure is a WorkbenchError that says what went
 * wrong and what to do.
 */
export class SshDockerAgent extends Agent {
  readonly #address: SshAddressAsWritten;
  readonly #setup: SshAgentSetup;
  #connection: Promise<SshConnection> | undefined;

  constructor(address: SshAddressAsWritten, setup: SshAgentSetup) {
    super({ keepAlive: false, maxSockets: MAX_CHANNELS });
    this.#address = address;
    this.#setup = setup;
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    this.#openChannel().then(
      (stream) => callback?.(null, stream),
      // Node's Agent reads no stream with an error; its types ask for one all the same.
      (error: Error) => callback?.(error, undefined as never),
    );
    return undefined;
  }

  override destroy(): void {
    super.destroy();
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.then(
      (open) => open.client.end(),
      () => undefined,
    );
  }

  async #openChannel(): Promise<Duplex> {
    const pending = this.#connected();
    let connection = await pending;
    // A connection that closed (idle, or the host went away) is not reused.
    if (connection.closed) {
      if (this.#connection === pending) this.#connection = undefined;
      connection = await this.#connected();
    }
    return connection.dialStdio();
  }

  #connected(): Promise<SshConnection> {
    return (this.#connection ??= this.#connect().catch((error: unknown) => {
      this.#connection = undefined;
      throw error;
    }));
  }

  async #connect(): Promise<SshConnection> {
    const setup = this.#setup;
    // Read on every connection, as known_hosts is: an edit applies from the next one on.
    const config = resolveSshConfig(this.#address, {
      home: setup.home,
      localUser: setup.localUser,
      env: setup.env,
      userConfig: setup.userConfig ?? join(setup.home, '.ssh', 'config'),
      systemConfig: setup.systemConfig ?? SYSTEM_CONFIG,
    });
    const target = sshTarget(this.#address, config);
    const login = sshLogin(target.username, target.display, {
      home: setup.home,
      authSock: config.agent,
      agentOff: config.agentOff,
      identityFiles: config.identityFiles,
      identitiesOnly: config.identitiesOnly,
    });
    const userKnownHosts = config.userKnownHostsFiles ?? [
      join(setup.home, '.ssh', 'known_hosts'),
      join(setup.home, '.ssh', 'known_hosts2'),
    ];
    const knownHostsFiles = [
      ...userKnownHosts,
      ...(config.globalKnownHostsFiles ?? setup.globalKnownHosts ?? GLOBAL_KNOWN_HOSTS),
    ];
    const knownHosts = knownHostsFiles.flatMap(readKnownHosts);
    // As ssh: a HostKeyAlias is the name the key is filed under, port and all.
    const name = config.hostKeyAlias ?? knownHostName(target.host, target.port);
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      const socket = connect({ host: target.host, port: target.port });
      let refusal: WorkbenchError | undefined;
      let ready = false;
      const methodProblems: string[] = [];
      client.on('ready', () => {
        ready = true;
        resolve(new SshConnection(client, socket, target));
      });
      client.on('error', (error: Error & { level?: string }) => {
        if (ready) return; // the channels close with it, and their requests fail
        // An agent that is not there, or a key it cannot sign with: ssh2 goes on to the next method.
        if (error.level === 'agent' || /^Error (while )?sign/.test(error.message)) {
          methodProblems.push(error.message);
          return;
        }
        reject(refusal ?? connectFailure(error, target, login, methodProblems));
      });
      client.on('close', () => {
        if (!ready) reject(refusal ?? connectFailure(new Error('the connection closed'), target, login, []));
      });
      client.connect({
        sock: socket,
        username: target.username,
        authHandler: login.methods,
        algorithms: { serverHostKey: hostKeyOrder(knownKeyTypes(knownHosts, name)) },
        hostVerifier: (key: Buffer) => {
          const verdict = checkHostKey(knownHosts, name, key);
          if (verdict.status === 'known') return true;
          refusal = hostKeyRefusal(verdict, key, target, name, {
            file: userKnownHosts[0] ?? join(setup.home, '.ssh', 'known_hosts'),
            alias: config.hostKeyAlias,
            lax: config.laxHostKeys,
          });
          return false;
        },
      });
    });
  }
}

/** One logged-in ssh connection, kept while sessions use it and closed when idle. */
class SshConnection {
  #channels = 0;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    readonly client: Client,
    private readonly socket: Socket,
    private readonly target: SshTarget,
  ) {
    client.once('close', () => {
      this.#closed = true;
      clearTimeout(this.#idle);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  dialStdio(): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const refused = (error: Error): void => {
        this.#idleIfUnused();
        reject(
          new WorkbenchError(
            {
              code: 'DOCKER_UNREACHABLE',
              message: `${this.target.display} did not open an ssh session for the Docker engine (${error.message}).`,
              hint: 'Try again; if it keeps failing, check the host’s sshd log.',
              details: { endpoint: this.target.display },
            },
            { cause: error },
          ),
        );
      };
      try {
        this.client.exec(DIAL_STDIO, (error, channel) => {
          if (error) return refused(error);
          this.#opened();
          channel.once('close', () => this.#sessionEnded());
          resolve(new DialStdioStream(channel, this.target.display));
        });
      } catch (error) {
        refused(error as Error);
      }
    });
  }

  #opened(): void {
    this.#channels += 1;
    clearTimeout(this.#idle);
    this.socket.ref();
  }

  #sessionEnded(): void {
    this.#channels -= 1;
    this.#idleIfUnused();
  }

  /** An idle connection must not keep the process alive, even where no one calls dispose(). */
  #idleIfUnused(): void {
    if (this.#channels > 0) return;
    clearTimeout(this.#idle);
    this.socket.unref();
    this.#idle = setTimeout(() => this.client.end(), IDLE_CLOSE_MS);
    this.#idle.unref();
  }
}

function readKnownHosts(file: string): KnownHostEntry[] {
  try {
    return parseKnownHosts(readFileSync(file, 'utf8'), file);
  } catch {
    return [];
  }
}

/** The host's known key types first, so a host known by its RSA key is not asked for its ED25519 one. */
function hostKeyOrder(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  const known = knownTypes.flatMap((type) =>
    type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256'] : [type],
  );
  const offered = HOST_KEY_ALGORITHMS.filter((algorithm) => known.includes(algorithm));
  offered.sort((a, b) => known.indexOf(a) - known.indexOf(b));
  return [...new Set([...offered, ...HOST_KEY_ALGORITHMS])];
}

/** The resolved host, and how the user's own ssh reaches it: by the address as written, config and all. */
function sshTarget(address: SshAddressAsWritten, config: SshHostConfig): SshTarget {
  const port = address.port === undefined ? '' : `-p ${address.port} `;
  const user = address.username === undefined ? '' : `${address.username}@`;
  return {
    host: config.hostName,
    port: config.port,
    username: config.user,
    display: address.display,
    alias: config.alias,
    sshArgs: `${port}${user}${config.alias}`,
  };
}

function hostKeyRefusal(
  verdict: Exclude<HostKeyVerdict, { status: 'known' }>,
  key: Buffer,
  target: SshTarget,
  name: string,
  knownHosts: { file: string; alias: string | undefined; lax: string | undefined },
): WorkbenchError {
  const hostPort = target.port === 22 ? target.host : `${target.host} port ${target.port}`;
  const where = target.alias === target.host ? hostPort : `${target.alias} (${hostPort})`;
  const offered = `${keyTypeLabel(key)} key fingerprint ${hostKeyFingerprint(key)}`;
  const scan = `ssh-keyscan ${target.port === 22 ? '' : `-p ${target.port} `}${target.host}`;
  // ssh-keyscan files the key under the host's name; under a HostKeyAlias ssh looks for the alias.
  const rename = knownHosts.alias ? ` | sed 's/^[^ ]*/${knownHosts.alias}/'` : '';
  // /dev/null as the user's known hosts file keeps every host unknown: a real file must take its place.
  const add = (what: string): string =>
    knownHosts.file === '/dev/null'
      ? `put a real file in place of /dev/null in UserKnownHostsFile and add ${what} to it (\`${scan}${rename} >> FILE\`)`
      : `add ${what} with \`${scan}${rename} >> ${knownHosts.file}\``;
  const sshOnce = `ssh ${target.sshArgs}`;
  const details = { endpoint: target.display, hostKey: hostKeyFingerprint(key) };
  if (verdict.status === 'unknown')
    return new WorkbenchError({
      code: 'DOCKER_UNREACHABLE',
      message: `The ssh host ${where} is not in your known hosts, so the workbench does not trust it. It offers the ${offered}.`,
      hint: `Check that fingerprint with the host's owner (on the host: \`ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeLabel(key).toLowerCase()}_key.pub\`), then ${add('the host')}, or connect once with \`${sshOnce}\` and accept it.${knownHosts.lax ? ` The workbench checks host keys even so (${knownHosts.lax}), and never adds one itself.` : ''}`,
      details,
    });
  const at = `${verdict.entry.file} line ${verdict.entry.line}`;
  if (verdict.status === 'revoked')
    return new WorkbenchError({
      code: 'DOCKER_UNREACHABLE',
      message: `The ssh host ${where} offers the ${offered}, which ${at} marks as revoked.`,
      hint: 'Ask the host’s owner for its new host key; the workbench does not connect with a revoked one.',
      details,
    });
  return new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `The ssh host key of ${where} has changed: it now offers the ${offered}, not the key in ${at}. Someone may be intercepting the connection, or the host was reinstalled.`,
    hint: `Do not connect until you know why. If the host's owner confirms the new fingerprint, remove the old key with \`ssh-keygen -R '${name}' -f ${verdict.entry.file}\` and ${add('the new one')}.`,
    details,
  });
}

function connectFailure(
  error: Error & { level?: string; code?: unknown },
  target: SshTarget,
  login: SshLogin,
  methodProblems: string[],
): Error {
  const sshTo = `ssh ${target.sshArgs}`;
  if (error.level === 'client-socket' || error.level === 'client-dns' || typeof error.code === 'string')
    return new WorkbenchError(
      {
        code: 'DOCKER_UNREACHABLE',
        message: `The Docker engine at ${target.display} is not reachable: no ssh connection to ${target.host} port ${target.port} (${error.message}).`,
        hint: `Check the address, and that sshd runs there and answers from this machine (\`${sshTo}\`).`,
        details: { endpoint: target.display },
      },
      { cause: error },
    );
  if (error.level === 'client-authentication')
    return new WorkbenchError(
      {
        code: 'DOCKER_UNREACHABLE',
        message: `${target.display} refused the ssh login of ${target.username}: it accepted none of ${login.tried.join(', ')}${methodProblems.length ? ` (${methodProblems[0]})` : ''}.`,
        hint: `Put your public key into ${target.username}'s ~/.ssh/authorized_keys on ${target.host} (\`ssh-copy-id ${target.sshArgs}\`), or add the right key to ssh-agent with \`ssh-add\`; \`${sshTo} docker version\` must then work without a password prompt.`,
        details: { endpoint: target.display },
      },
      { cause: error },
    );
  return new WorkbenchError(
    {
      code: 'DOCKER_UNREACHABLE',
      message: `The ssh connection to ${target.display} failed: ${error.message}.`,
      hint: `Check that \`${sshTo} docker version\` works from this machine.`,
      details: { endpoint: target.display },
    },
    { cause: error },
  );
}
