import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWorkbenchError, type WorkbenchError } from '../../../../shared/contract/errors.js';
import { resolveSshConfig, type SshConfigSources } from './sshConfig.js';

describe('how ~/.ssh/config and /etc/ssh/ssh_config shape an ssh:// address', () => {
  let root: string;
  let home: string;
  const userConfig = (): string => join(home, '.ssh', 'config');
  const systemConfig = (): string => join(root, 'etc', 'ssh', 'ssh_config');
  const sources = (): SshConfigSources => ({
    home,
    localUser: 'me',
    userConfig: userConfig(),
    systemConfig: systemConfig(),
    env: {
      SSH_AUTH_SOCK: '/run/user/1000/agent.sock',
      KEYS: join(home, 'keys'),
      OTHER_SOCK: '/run/other.sock',
    },
  });
  const write = async (path: string, lines: string[]): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, lines.join('\n'));
  };
  const resolve = (host: string, address: { port?: number; username?: string } = {}) =>
    resolveSshConfig(
      { host, port: address.port, username: address.username, display: `ssh://${host}` },
      sources(),
    );
  const refusal = (host: string, address: { port?: number; username?: string } = {}): WorkbenchError => {
    try {
      resolve(host, address);
    } catch (error) {
      if (isWorkbenchError(error)) return error;
      throw error;
    }
    throw new Error(`expected ${host} to be refused`);
  };
  const ssh = (name: string): string => join(home, '.ssh', name);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mlw-ssh-config-'));
    home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('without any config file, connects as ssh would: the name itself, port 22, the local user', () => {
    expect(resolve('build-box')).toEqual({
      alias: 'build-box',
      hostName: 'build-box',
      port: 22,
      user: 'me',
      identityFiles: undefined,
      identitiesOnly: false,
      agent: '/run/user/1000/agent.sock',
      agentOff: undefined,
      userKnownHostsFiles: undefined,
      globalKnownHostsFiles: undefined,
      hostKeyAlias: undefined,
      laxHostKeys: undefined,
    });
  });

  it("applies the alias's HostName, User, Port and IdentityFile; the address's own user and port win", async () => {
    await write(userConfig(), [
      '# the build machine',
      'Host builder',
      '  HostName 10.0.0.7',
      '  User ci',
      '  Port 2222',
      '  IdentityFile ~/.ssh/builder_key',
      '',
      'Host *',
      '  User nobody',
      '  Port=22',
      '  IdentityFile "~/.ssh/every where"',
    ]);
    expect(resolve('builder')).toMatchObject({
      hostName: '10.0.0.7',
      port: 2222,
      user: 'ci',
      identityFiles: [ssh('builder_key'), ssh('every where')],
    });
    expect(resolve('builder', { port: 2200, username: 'deploy' })).toMatchObject({
      hostName: '10.0.0.7',
      port: 2200,
      user: 'deploy',
    });
    expect(resolve('other')).toMatchObject({
      hostName: 'other',
      port: 22,
      user: 'nobody',
      identityFiles: [ssh('every where')],
    });
  });

  it("reads the system file after the user's, and the first value obtained wins", async () => {
    await write(userConfig(), ['Host builder', '  User ci', 'Host BUILD*', '  User second']);
    await write(systemConfig(), ['Host *', '  User root', '  Port 2022', '  HostName %h.lab.example']);
    expect(resolve('builder')).toMatchObject({ hostName: 'builder.lab.example', port: 2022, user: 'ci' });
    expect(resolve('build-2')).toMatchObject({ user: 'second' });
  });

  it('follows Include: relative to ~/.ssh, wildcards in name order, nested, and only where its block applies', async () => {
    await write(userConfig(), [
      'Include config.d/*.conf',
      'Host builder',
      '  Include ~/.ssh/builder.extra',
      'Host elsewhere',
      '  Include ~/.ssh/never',
    ]);
    await write(ssh('config.d/20-second.conf'), [
      'Host builder',
      '  HostName second.example',
      '  Port 2201',
      '  Include nested',
    ]);
    await write(ssh('config.d/10-first.conf'), ['Host builder', '  HostName first.example']);
    await write(ssh('config.d/.hidden.conf'), ['Port 9999']);
    await write(ssh('config.d/notes.txt'), ['Port 9998']);
    await write(ssh('nested'), ['User nested']);
    await write(ssh('builder.extra'), ['IdentityFile ~/.ssh/extra_key']);
    // A Host line in a file included from a block that does not apply cannot make it apply.
    await write(ssh('never'), ['Host *', '  User never']);
    expect(resolve('builder')).toMatchObject({
      hostName: 'first.example',
      port: 2201,
      user: 'nested',
      identityFiles: [ssh('extra_key')],
    });
    expect(resolve('other')).toMatchObject({ hostName: 'other', port: 22, user: 'me' });
  });

  it('includes the system side relative to its own folder, and stops a file that includes itself', async () => {
    await write(systemConfig(), ['Include ssh_config.d/*']);
    await write(join(root, 'etc', 'ssh', 'ssh_config.d', 'lab'), ['Host *', '  Port 2022']);
    expect(resolve('builder').port).toBe(2022);

    await write(userConfig(), ['Host *', '  Include config']);
    const error = refusal('builder');
    expect(error.code).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toBe(
      `${userConfig()} line 2: Include goes more than 16 files deep; a file probably includes itself.`,
    );
  });

  it('keeps IdentityFile lines in order, once each, with ~, %tokens and ${VARIABLES} expanded', async () => {
    await write(userConfig(), [
      'Host builder',
      '  IdentityFile ~/.ssh/%h_%r_key',
      '  IdentityFile ${KEYS}/ci',
      '  IdentityFile %d/.ssh/%u-%n-%p',
      '  IdentitiesOnly yes',
      'Host *',
      '  IdentityFile ~/.ssh/%h_%r_key',
      '  IdentityFile ~/.ssh/last',
      'Host bad-token',
      '  IdentityFile ~/.ssh/%C',
      'Host bad-variable',
      '  IdentityFile ${NOT_SET}/key',
    ]);
    expect(resolve('builder', { username: 'ci' })).toMatchObject({
      identityFiles: [ssh('builder_ci_key'), join(home, 'keys', 'ci'), ssh('me-builder-22'), ssh('last')],
      identitiesOnly: true,
    });
    expect(refusal('bad-token').message).toBe(
      `${userConfig()} line 10: %C in ~/.ssh/%C is a token the workbench does not expand (it knows %d %h %n %p %r %u %k %j and %%).`,
    );
    expect(refusal('bad-variable').message).toBe(
      `${userConfig()} line 12: \${NOT_SET} in \${NOT_SET}/key is not set in the workbench's environment.`,
    );
    // `none` names no file, yet keeps the default files out, as for ssh.
    await write(userConfig(), ['Host no-keys', '  IdentityFile none']);
    expect(resolve('no-keys').identityFiles).toEqual([]);
  });

  it('refuses ProxyJump and ProxyCommand, naming the alias and the line, rather than connecting direct', async () => {
    await write(userConfig(), [
      'Host builder',
      '  HostName 10.0.0.7',
      '  ProxyJump ops@bastion:2222',
      'Host direct',
      '  ProxyJump none',
      'Host piped',
      '  ProxyCommand ssh -W %h:%p bastion',
      'Host *',
      '  ProxyJump gateway',
    ]);
    const error = refusal('builder');
    expect(error.code).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toBe(
      `${userConfig()} line 3 sets ProxyJump ops@bastion:2222 for builder: the workbench's ssh client does not go through another host, and does not connect to builder directly in its place.`,
    );
    expect(error.hint).toContain('ssh -fNL ~/.ssh/builder-docker.sock:/var/run/docker.sock builder');
    expect(error.details).toMatchObject({ endpoint: 'ssh://builder', file: userConfig(), line: 3 });
    expect(refusal('piped').message).toContain(`line 7 sets ProxyCommand ssh -W %h:%p bastion for piped`);
    expect(refusal('other').message).toContain('line 9 sets ProxyJump gateway for other');
    expect(resolve('direct').hostName).toBe('direct');
  });

  it('decides Match on host, originalhost, user, localuser, command, sessiontype, canonical and all', async () => {
    await write(userConfig(), [
      'Match originalhost builder user ci',
      '  HostName ci.example',
      'Match host ci.example localuser me',
      '  Port 2200',
      'Match host builder !localuser me',
      '  Port 1111',
      'Match user ci command "docker system dial-stdio" sessiontype exec',
      '  IdentityFile ~/.ssh/ci',
      'Match canonical',
      '  User canonical',
      'Match all',
      '  User everyone',
    ]);
    expect(resolve('builder', { username: 'ci' })).toMatchObject({
      hostName: 'ci.example',
      port: 2200,
      user: 'ci',
      identityFiles: [ssh('ci')],
    });
    expect(resolve('builder')).toMatchObject({ hostName: 'builder', port: 22, user: 'everyone' });
  });

  it('does not guess a Match it cannot decide (exec): ignored where it sets nothing used, refused where it does', async () => {
    await write(userConfig(), [
      'Match exec "test -d /nowhere" host builder',
      '  ForwardAgent yes',
      'Match exec "on-vpn" host builder,gpu',
      '  HostName vpn.example',
      'Host gpu',
      '  HostName gpu.example',
    ]);
    const error = refusal('builder');
    expect(error.message).toBe(
      `Whether ${userConfig()} line 4 (HostName) applies to builder depends on \`Match exec …\` at ${userConfig()} line 3, which the workbench does not evaluate; it does not guess.`,
    );
    expect(error.hint).toContain('Host builder');
    expect(refusal('gpu').message).toContain('line 4 (HostName) applies to gpu');
    // A criterion that fails decides the block, whatever exec would say.
    expect(resolve('other').hostName).toBe('other');
  });

  it('reads the file again for `Match final`, matching Host lines against the HostName', async () => {
    await write(userConfig(), [
      'Host builder',
      '  HostName Build.Example',
      'Match final host build.example',
      '  User finalist',
      'Host build.example',
      '  Port 2022',
    ]);
    expect(resolve('builder')).toMatchObject({ hostName: 'build.example', user: 'finalist', port: 2022 });
  });

  it('names the file and line it cannot read, an included one too', async () => {
    await write(userConfig(), ['Host builder', '  Include extra']);
    await write(ssh('extra'), ['', '  HostName "unclosed']);
    expect(refusal('builder').message).toBe(
      `${ssh('extra')} line 2 cannot be read as ssh configuration: a quote or a backslash is not closed.`,
    );
    await write(userConfig(), ['Host builder', '  Port http', 'Host', 'Match exec']);
    expect(refusal('builder').message).toBe(
      `${userConfig()} line 3 cannot be read as ssh configuration: Host needs an argument.`,
    );
    await write(userConfig(), ['Host builder', '  Port http']);
    expect(refusal('builder').message).toBe(
      `${userConfig()} line 2: Port http is not a port number (1 to 65535).`,
    );
    await write(userConfig(), ['Match exec']);
    expect(refusal('builder').message).toBe(
      `${userConfig()} line 1 cannot be read as ssh configuration: Match exec needs a value.`,
    );
  });

  it('takes known hosts files, HostKeyAlias and the agent from the config, and notes what would loosen host checks', async () => {
    await write(userConfig(), [
      'Host builder',
      '  HostName 10.0.0.7',
      '  HostKeyAlias Builder-Box',
      '  UserKnownHostsFile ~/.ssh/known_hosts.d/%k %d/.ssh/shared_hosts',
      '  GlobalKnownHostsFile none',
      '  StrictHostKeyChecking accept-new',
      '  IdentityAgent ~/.ssh/agent.sock',
      'Host throwaway',
      '  UserKnownHostsFile /dev/null',
      '  IdentityAgent none',
      'Host legacy',
      '  IdentityAgent $OTHER_SOCK',
    ]);
    expect(resolve('builder')).toMatchObject({
      hostName: '10.0.0.7',
      hostKeyAlias: 'builder-box',
      userKnownHostsFiles: [ssh('known_hosts.d/builder-box'), ssh('shared_hosts')],
      globalKnownHostsFiles: [],
      laxHostKeys: `StrictHostKeyChecking accept-new in ${userConfig()} line 6`,
      agent: ssh('agent.sock'),
    });
    expect(resolve('throwaway')).toMatchObject({
      userKnownHostsFiles: ['/dev/null'],
      laxHostKeys: `UserKnownHostsFile /dev/null in ${userConfig()} line 9`,
      agent: undefined,
      agentOff: `IdentityAgent none in ${userConfig()} line 10`,
    });
    expect(resolve('legacy').agent).toBe('/run/other.sock');
  });
});
