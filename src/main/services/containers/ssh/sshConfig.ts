import { dirname, isAbsolute, join } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { includedFiles } from './includeGlob.js';
import { readSshConfigLines, type SshConfigLine } from './sshConfigLines.js';
import { matchesPattern, matchesPatternList } from './sshPatterns.js';

/** Where ssh's configuration is; passed in so tests use a temp home and no system file. */
export interface SshConfigSources {
  readonly home: string;
  /** The local user's name: ssh's default User, `%u` and `Match localuser`. */
  readonly localUser: string;
  /** ~/.ssh/config; read first. A file that is not there is no configuration, as for ssh. */
  readonly userConfig: string;
  /** /etc/ssh/ssh_config; read after it, so the user's values win. */
  readonly systemConfig: string;
  /** SSH_AUTH_SOCK, and the variables that `${NAME}` in paths stands for. */
  readonly env: NodeJS.ProcessEnv;
}

/** An ssh:// address as written: host may be an alias of ~/.ssh/config. */
export interface SshAddressAsWritten {
  readonly host: string;
  readonly port: number | undefined;
  readonly username: string | undefined;
  /** The address as shown (redacted), for messages. */
  readonly display: string;
}

/** What ssh would use for the address, once ~/.ssh/config and /etc/ssh/ssh_config are applied. */
export interface SshHostConfig {
  /** The host as the address names it. */
  readonly alias: string;
  /** HostName, else the alias, as ssh connects to it. */
  readonly hostName: string;
  readonly port: number;
  readonly user: string;
  /** IdentityFile paths, expanded, in the order ssh tries them; undefined where none applies, so ssh's default files are tried. */
  readonly identityFiles: readonly string[] | undefined;
  /** IdentitiesOnly yes: of the agent's keys, only those of the identity files. */
  readonly identitiesOnly: boolean;
  /** The ssh-agent's socket (IdentityAgent, else SSH_AUTH_SOCK); undefined: no agent. */
  readonly agent: string | undefined;
  /** Where the configuration turned the agent off (IdentityAgent none), for a message to say. */
  readonly agentOff: string | undefined;
  /** UserKnownHostsFile, expanded; undefined: ~/.ssh/known_hosts and known_hosts2. */
  readonly userKnownHostsFiles: readonly string[] | undefined;
  /** GlobalKnownHostsFile, expanded; undefined: the system's. */
  readonly globalKnownHostsFiles: readonly string[] | undefined;
  /** HostKeyAlias: the name the host's key is looked up under, in place of [host]:port. */
  readonly hostKeyAlias: string | undefined;
  /**
   * A setting that would have ssh accept hosts it does not know (StrictHostKeyChecking no or
   * accept-new, UserKnownHostsFile /dev/null), with where it is: the workbench checks all the same,
   * and a refusal says so.
   */
  readonly laxHostKeys: string | undefined;
}

/** The keywords whose values the workbench uses: a Match it cannot decide must not hold one. */
const USED = new Set([
  'hostname',
  'user',
  'port',
  'identityfile',
  'identitiesonly',
  'identityagent',
  'userknownhostsfile',
  'globalknownhostsfile',
  'hostkeyalias',
  'stricthostkeychecking',
  'proxyjump',
  'proxycommand',
]);
/** OpenSSH's limit on nested Include, which also ends a file that includes itself. */
const MAX_INCLUDE_DEPTH = 16;
/** What the docker CLI runs over ssh, for `Match command` and `Match sessiontype`. */
const REMOTE_COMMAND = 'docker system dial-stdio';

interface Origin {
  readonly file: string;
  readonly line: number;
}

interface Setting {
  readonly args: readonly string[];
  /** undefined: the address itself (its user or port), which wins as ssh's command line does. */
  readonly at: Origin | undefined;
}

/** Whether the lines that follow apply: a Match on something the workbench does not evaluate is undecided. */
type Applies =
  | { readonly state: 'yes' }
  | { readonly state: 'no' }
  | { readonly state: 'undecided'; readonly at: Origin; readonly criterion: string };

const YES: Applies = { state: 'yes' };
const NO: Applies = { state: 'no' };

/**
 * ssh_config(5) applied to one address, as OpenSSH applies it: the user's file, then the system's,
 * each line in order, the first value obtained for a keyword winning (IdentityFile adding up), Host
 * and Match deciding which lines apply, Include reading other files in place. What would have ssh
 * connect some other way than the workbench can (ProxyJump, ProxyCommand) is refused, naming the
 * line, rather than connecting direct.
 */
export function resolveSshConfig(address: SshAddressAsWritten, sources: SshConfigSources): SshHostConfig {
  const reading = new ConfigReading(address, sources);
  reading.readAll(false);
  // `Match final` asks for a second pass, in which Host lines match the HostName.
  if (reading.wantsFinalPass) reading.readAll(true);
  return reading.result();
}

class ConfigReading {
  readonly #address: SshAddressAsWritten;
  readonly #sources: SshConfigSources;
  readonly #settings = new Map<string, Setting>();
  readonly #identityFiles: { readonly path: string; readonly at: Origin }[] = [];
  #finalPass = false;
  #wantsFinalPass = false;

  constructor(address: SshAddressAsWritten, sources: SshConfigSources) {
    this.#address = address;
    this.#sources = sources;
    // As on ssh's command line: the address's user and port are obtained before any file is read.
    if (address.username !== undefined)
      this.#settings.set('user', { args: [address.username], at: undefined });
    if (address.port !== undefined)
      this.#settings.set('port', { args: [String(address.port)], at: undefined });
  }

  /** A `Match final` was seen: ssh reads the files a second time. */
  get wantsFinalPass(): boolean {
    return this.#wantsFinalPass;
  }

  readAll(finalPass: boolean): void {
    this.#finalPass = finalPass;
    this.#readFile(this.#sources.userConfig, 'user', 0, YES);
    this.#readFile(this.#sources.systemConfig, 'system', 0, YES);
  }

  /** `within`: whether the Include that read this file applies; the file's own Host lines cannot widen it. */
  #readFile(file: string, kind: 'user' | 'system', depth: number, within: Applies): void {
    const lines = readSshConfigLines(file) ?? [];
    let applies = within;
    for (const line of lines) {
      if (line.keyword === 'host') applies = both(within, this.#hostApplies(line));
      else if (line.keyword === 'match') applies = both(within, this.#matchApplies(line));
      else if (applies.state === 'no') continue;
      else if (line.keyword === 'include') this.#include(line, kind, depth, applies);
      else if (applies.state === 'undecided') {
        if (USED.has(line.keyword)) throw undecidedMatch(this.#address, applies, line);
      } else this.#set(line);
    }
  }

  #include(line: SshConfigLine, kind: 'user' | 'system', depth: number, applies: Applies): void {
    if (depth + 1 >= MAX_INCLUDE_DEPTH)
      throw configError(
        line,
        `Include goes more than ${MAX_INCLUDE_DEPTH} files deep; a file probably includes itself`,
      );
    for (const arg of line.args) {
      const expanded = this.#expand(arg, line);
      const anchored =
        isAbsolute(expanded) || expanded.startsWith('~')
          ? this.#tilde(expanded, line)
          : join(
              kind === 'user' ? join(this.#sources.home, '.ssh') : dirname(this.#sources.systemConfig),
              expanded,
            );
      for (const file of includedFiles(anchored)) this.#readFile(file, kind, depth + 1, applies);
    }
  }

  #set(line: SshConfigLine): void {
    const at = { file: line.file, line: line.line };
    if (line.keyword === 'identityfile') {
      const [path] = line.args;
      if (path !== undefined && !this.#identityFiles.some((known) => known.path === path))
        this.#identityFiles.push({ path, at });
      return;
    }
    if (!this.#settings.has(line.keyword)) this.#settings.set(line.keyword, { args: line.args, at });
  }

  /** Host: some pattern matches and no negated one; in the final pass against the HostName, as ssh does. */
  #hostApplies(line: SshConfigLine): Applies {
    const host = this.#finalPass ? this.#hostName() : this.#address.host;
    let matched = false;
    for (const pattern of line.args) {
      const negated = pattern.startsWith('!');
      if (!matchesPattern(negated ? pattern.slice(1) : pattern, host)) continue;
      if (negated) return NO;
      matched = true;
    }
    return matched ? YES : NO;
  }

  /**
   * Match: every criterion holds. host, originalhost, user, localuser, command, sessiontype, all,
   * canonical and final are decided here; exec (which would run a command), localnetwork, tagged and
   * version are not, so a block that needs one is undecided unless a decided criterion already fails.
   */
  #matchApplies(line: SshConfigLine): Applies {
    let holds = true;
    let undecided: string | undefined;
    const args = [...line.args];
    while (args.length > 0) {
      const written = args.shift() as string;
      const negated = written.startsWith('!');
      const criterion = (negated ? written.slice(1) : written).toLowerCase();
      let result: boolean | undefined;
      if (criterion === 'all') result = true;
      else if (criterion === 'canonical' || criterion === 'final') {
        // No canonicalisation here: only `Match final` brings the second pass in which both match.
        if (criterion === 'final' && !negated) this.#wantsFinalPass = true;
        result = this.#finalPass;
      } else {
        const value = args.shift();
        if (value === undefined) throw configError(line, `Match ${written} needs a value`);
        result = this.#criterion(criterion, value);
      }
      if (result === undefined) undecided ??= written;
      else if (result === negated) holds = false;
    }
    if (!holds) return NO;
    return undecided
      ? { state: 'undecided', at: { file: line.file, line: line.line }, criterion: undecided }
      : YES;
  }

  #criterion(criterion: string, value: string): boolean | undefined {
    switch (criterion) {
      case 'host':
        return matchesPatternList(value, this.#hostName());
      case 'originalhost':
        return matchesPatternList(value, this.#address.host);
      case 'user':
        return matchesPatternList(value, this.#user(), false);
      case 'localuser':
        return matchesPatternList(value, this.#sources.localUser, false);
      case 'command':
        return matchesPatternList(value, REMOTE_COMMAND, false);
      case 'sessiontype':
        return matchesPatternList(value, 'exec', false);
      default:
        return undefined;
    }
  }

  #first(keyword: string): (Setting & { value: string }) | undefined {
    const setting = this.#settings.get(keyword);
    const value = setting?.args[0];
    return setting && value !== undefined ? { ...setting, value } : undefined;
  }

  /** HostName with `%h` replaced by the alias, lower case as ssh makes it; else the alias. */
  #hostName(): string {
    const hostName = this.#first('hostname');
    if (!hostName) return this.#address.host;
    const expanded = this.#percent(hostName.value, { h: this.#address.host }, hostName.at, 'HostName');
    return isAddress(expanded) ? expanded : expanded.toLowerCase();
  }

  #user(): string {
    return this.#first('user')?.value ?? this.#sources.localUser;
  }

  #port(): number {
    const port = this.#first('port');
    if (!port) return 22;
    const number = Number(port.value);
    if (!/^\d+$/.test(port.value) || number < 1 || number > 65_535)
      throw configError(port.at, `Port ${port.value} is not a port number (1 to 65535)`);
    return number;
  }

  result(): SshHostConfig {
    this.#refuseProxies();
    const hostKeyAlias = this.#first('hostkeyalias')?.value.toLowerCase();
    const identityFiles = this.#identityFiles.length
      ? this.#identityFiles
          .filter((file) => file.path.toLowerCase() !== 'none')
          .map((file) => this.#path(file.path, file.at, hostKeyAlias))
      : undefined;
    const agent = this.#agent(hostKeyAlias);
    const userKnownHostsFiles = this.#files('userknownhostsfile', hostKeyAlias);
    return {
      alias: this.#address.host,
      hostName: this.#hostName(),
      port: this.#port(),
      user: this.#user(),
      identityFiles,
      identitiesOnly: this.#first('identitiesonly')?.value.toLowerCase() === 'yes',
      agent: agent.socket,
      agentOff: agent.off,
      userKnownHostsFiles,
      globalKnownHostsFiles: this.#files('globalknownhostsfile', hostKeyAlias),
      hostKeyAlias,
      laxHostKeys: this.#laxHostKeys(userKnownHostsFiles),
    };
  }

  /**
   * ssh would reach the host through another: connecting direct instead would be another route than
   * the user set. Of ProxyJump and ProxyCommand, the one obtained first is the one ssh uses.
   */
  #refuseProxies(): void {
    const names: Record<string, string> = { proxyjump: 'ProxyJump', proxycommand: 'ProxyCommand' };
    const keyword = [...this.#settings.keys()].find((known) => known in names);
    const setting = keyword ? this.#first(keyword) : undefined;
    if (!keyword || !setting || setting.value.toLowerCase() === 'none') return;
    const name = names[keyword] as string;
    const alias = this.#address.host;
    throw new WorkbenchError({
      code: 'DOCKER_UNREACHABLE',
      message: `${where(setting.at)} sets ${name} ${setting.args.join(' ')} for ${alias}: the workbench's ssh client does not go through another host, and does not connect to ${alias} directly in its place.`,
      hint: `Forward the engine's socket yourself (\`ssh -fNL ~/.ssh/${alias}-docker.sock:/var/run/docker.sock ${alias}\`) and set DOCKER_HOST=unix://$HOME/.ssh/${alias}-docker.sock, or use an address that is reachable without ${name}.`,
      details: { endpoint: this.#address.display, ...details(setting.at) },
    });
  }

  #agent(hostKeyAlias: string | undefined): { socket: string | undefined; off: string | undefined } {
    const fromEnv = this.#sources.env.SSH_AUTH_SOCK || undefined;
    const setting = this.#first('identityagent');
    if (!setting || setting.value === 'SSH_AUTH_SOCK') return { socket: fromEnv, off: undefined };
    if (setting.value.toLowerCase() === 'none')
      return { socket: undefined, off: `IdentityAgent none in ${where(setting.at)}` };
    // The older form: $NAME is the variable holding the socket's path.
    if (/^\$[A-Za-z_]\w*$/.test(setting.value))
      return { socket: this.#sources.env[setting.value.slice(1)] || undefined, off: undefined };
    return { socket: this.#path(setting.value, setting.at, hostKeyAlias), off: undefined };
  }

  #files(keyword: string, hostKeyAlias: string | undefined): string[] | undefined {
    const setting = this.#settings.get(keyword);
    if (!setting) return undefined;
    if (setting.args.length === 1 && setting.args[0]?.toLowerCase() === 'none') return [];
    return setting.args.map((file) => this.#path(file, setting.at, hostKeyAlias));
  }

  #laxHostKeys(userKnownHostsFiles: readonly string[] | undefined): string | undefined {
    const lax: string[] = [];
    const strict = this.#first('stricthostkeychecking');
    if (strict && ['no', 'off', 'accept-new'].includes(strict.value.toLowerCase()))
      lax.push(`StrictHostKeyChecking ${strict.value} in ${where(strict.at)}`);
    const userFiles = this.#settings.get('userknownhostsfile');
    if (userFiles && userKnownHostsFiles?.length && userKnownHostsFiles.every((file) => file === '/dev/null'))
      lax.push(`UserKnownHostsFile /dev/null in ${where(userFiles.at)}`);
    return lax.length ? lax.join(' and ') : undefined;
  }

  /** A path as ssh expands it: `%` tokens, `${NAME}` variables and `~`. */
  #path(written: string, at: Origin | undefined, hostKeyAlias: string | undefined): string {
    return this.#tilde(this.#expand(written, at, hostKeyAlias), at);
  }

  #tilde(path: string, at: Origin | undefined): string {
    if (path === '~' || path.startsWith('~/')) return join(this.#sources.home, path.slice(1));
    if (path.startsWith('~'))
      throw configError(at, `${path}: the workbench expands ~ only to your own home, not to ~user`);
    return path;
  }

  #expand(written: string, at: Origin | undefined, hostKeyAlias?: string): string {
    const hostName = this.#hostName();
    const tokens: Record<string, string> = {
      d: this.#sources.home,
      h: hostName,
      n: this.#address.host,
      p: String(this.#port()),
      r: this.#user(),
      u: this.#sources.localUser,
      k: hostKeyAlias ?? this.#address.host,
      j: '',
    };
    const percent = this.#percent(written, tokens, at, written);
    return percent.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
      const value = this.#sources.env[name];
      if (value === undefined)
        throw configError(at, `\${${name}} in ${written} is not set in the workbench's environment`);
      return value;
    });
  }

  #percent(written: string, tokens: Record<string, string>, at: Origin | undefined, what: string): string {
    return written.replace(/%(.?)/g, (whole, token: string) => {
      if (token === '%') return '%';
      const value = tokens[token];
      if (value === undefined)
        throw configError(
          at,
          `%${token} in ${what} is a token the workbench does not expand (it knows ${Object.keys(tokens)
            .map((name) => `%${name}`)
            .join(' ')} and %%)`,
        );
      return value;
    });
  }
}

/** Both conditions at once: an Include inside a block applies where the block and its own lines do. */
function both(outer: Applies, inner: Applies): Applies {
  if (outer.state === 'no' || inner.state === 'no') return NO;
  if (outer.state === 'undecided') return outer;
  return inner;
}

function isAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function where(at: Origin | undefined): string {
  return at ? `${at.file} line ${at.line}` : 'the address';
}

function details(at: Origin | undefined): Record<string, unknown> {
  return at ? { file: at.file, line: at.line } : {};
}

function configError(at: Origin | undefined, problem: string): WorkbenchError {
  return new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `${where(at)}: ${problem}.`,
    hint: 'Fix that line of your ssh configuration, or put the real host, user and port in the address.',
    details: details(at),
  });
}

function undecidedMatch(
  address: SshAddressAsWritten,
  applies: Extract<Applies, { state: 'undecided' }>,
  line: SshConfigLine,
): WorkbenchError {
  return new WorkbenchError({
    code: 'DOCKER_UNREACHABLE',
    message: `Whether ${where(line)} (${line.name}) applies to ${address.host} depends on \`Match ${applies.criterion} …\` at ${where(applies.at)}, which the workbench does not evaluate; it does not guess.`,
    hint: `Put what ${address.host} needs in a \`Host ${address.host}\` block before that Match (the first value obtained wins), or use the real host, user and port in the address.`,
    details: { endpoint: address.display, ...details(applies.at) },
  });
}
