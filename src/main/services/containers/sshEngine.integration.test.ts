import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, importBusyboxImage } from '../../../../test/fixtures/busyboxImage.js';
import { probeDockerEngine } from '../../../../test/fixtures/dockerEngine.js';
import { sshServerSkipReason, startSshServer, type SshServer } from '../../../../test/fixtures/sshServer.js';
import { createContainerService, type ContainerService } from './index.js';

// A real sshd (Debian's openssh-server) in front of the test engine: the workbench logs in with a
// key, checks the host key against known_hosts and runs `docker system dial-stdio`, as it would on
// a remote machine. Nothing here is mocked.
const engine = await probeDockerEngine();
const sshSkip = sshServerSkipReason();
if (sshSkip) console.warn(`Skipping the ssh engine tests. ${sshSkip}`);
const runId = `${process.pid}-${Date.now()}`;

describe.skipIf(engine.skipReason !== undefined || sshSkip !== undefined)('a Docker engine over ssh', () => {
  let server: SshServer;
  const services: ContainerService[] = [];

  beforeAll(async () => {
    server = await startSshServer(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock');
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.dispose()));
    await engine.containers.dispose();
    await server?.stop();
  });

  /** The workbench as a user with this HOME (and agent) would run it; no system ssh_config or known_hosts. */
  const overSsh = (env: NodeJS.ProcessEnv, dockerHost = server.address): ContainerService => {
    const service = createContainerService({
      dockerHost,
      env,
      systemSshConfig: join(env.HOME ?? '/nonexistent', 'no-system-ssh-config'),
      globalKnownHosts: [],
    });
    services.push(service);
    return service;
  };

  it('reports the same engine as its socket does', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'ed25519' });
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.error, server.log()).toBeUndefined();
    expect(status).toMatchObject({
      reachable: true,
      endpoint: server.address,
      source: 'setting',
      version: engine.status.version,
      apiVersion: engine.status.apiVersion,
    });
  });

  it('imports an image, lists it, runs a container and follows events through ssh sessions', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'ed25519' });
    const containers = overSsh({ HOME: home });
    await importBusyboxImage(containers);
    const docker = await containers.docker();
    const images = await docker.listImages({ filters: { reference: [BUSYBOX_IMAGE.reference] } });
    expect(images.map((image) => image.RepoTags).flat()).toContain(BUSYBOX_IMAGE.reference);
    // The event stream is one long-lived session beside the others.
    const changes: string[] = [];
    const stopListening = containers.onChange((change) => changes.push(change.kind));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = await containers.runToCompletion({
      image: BUSYBOX_IMAGE.reference,
      cmd: ['sh', '-c', 'echo over ssh; echo to stderr >&2'],
      labels: { 'org.mlw.test-run': runId },
      timeoutMs: 30_000,
    });
    expect(result).toEqual({ exitCode: 0, stdout: 'over ssh\n', stderr: 'to stderr\n' });
    for (let i = 0; i < 40 && !changes.includes('container'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    stopListening();
    expect(changes).toContain('container');
  });

  it('reaches the engine by a ~/.ssh/config alias: its HostName, Port, User and IdentityFile', async () => {
    const home = await server.makeHome({ key: 'authorized', keyFile: 'builder_key', knownHosts: 'ed25519' });
    await writeFile(
      join(home, '.ssh', 'config'),
      [
        'Host builder',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        '  IdentityFile ~/.ssh/builder_key',
        '  IdentitiesOnly yes',
        '',
        // Later values are ignored for the alias, as ssh ignores them: the first obtained wins.
        'Host *',
        '  User nobody',
        '  Port 1',
        '',
      ].join('\n'),
    );
    const status = await overSsh({ HOME: home }, 'ssh://builder').engineStatus();
    expect(status.error, server.log()).toBeUndefined();
    expect(status).toMatchObject({
      reachable: true,
      endpoint: 'ssh://builder',
      version: engine.status.version,
      apiVersion: engine.status.apiVersion,
    });
  });

  it("logs in with the user's ssh-agent when there is no key file", async () => {
    const agent = await server.startAgent();
    try {
      const home = await server.makeHome({ key: 'none', knownHosts: 'ed25519' });
      const status = await overSsh({ HOME: home, SSH_AUTH_SOCK: agent.socket }).engineStatus();
      expect(status.error, server.log()).toBeUndefined();
      expect(status.version).toBe(engine.status.version);
    } finally {
      await agent.stop();
    }
  });

  it('asks a host known only by its RSA key for that key, as ssh does', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'rsa' });
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.error, server.log()).toBeUndefined();
    expect(status.reachable).toBe(true);
  });

  it('refuses a host that is not in known_hosts, naming its fingerprint and how to add it', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'none' });
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.error?.message).toContain(`127.0.0.1 port ${server.port} is not in your known hosts`);
    expect(status.error?.message).toContain(`ED25519 key fingerprint ${server.hostKeyFingerprint}`);
    expect(status.error?.hint).toContain(
      `ssh-keyscan -p ${server.port} 127.0.0.1 >> ${join(home, '.ssh', 'known_hosts')}`,
    );
    expect(status.error?.hint).toContain(`ssh -p ${server.port} ${server.user}@127.0.0.1`);

    // Once the user has added the host, the same service connects: known_hosts is read per connection.
    await writeFile(join(home, '.ssh', 'known_hosts'), `${server.knownHostsLine}\n`);
    const service = services.at(-1) as ContainerService;
    expect((await service.engineStatus()).reachable).toBe(true);
  });

  it('checks the host key even where ~/.ssh/config says StrictHostKeyChecking no', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'ed25519' });
    const config = join(home, '.ssh', 'config');
    await writeFile(
      config,
      [
        'Host builder',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        '  StrictHostKeyChecking no',
        '  UserKnownHostsFile /dev/null',
        '',
      ].join('\n'),
    );
    const status = await overSsh({ HOME: home }, 'ssh://builder').engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.error?.message).toContain(
      `The ssh host builder (127.0.0.1 port ${server.port}) is not in your known hosts`,
    );
    expect(status.error?.hint).toContain(
      `The workbench checks host keys even so (StrictHostKeyChecking no in ${config} line 4 and UserKnownHostsFile /dev/null in ${config} line 5)`,
    );
    expect(status.error?.hint).toContain('put a real file in place of /dev/null in UserKnownHostsFile');
    expect(status.error?.hint).toContain('or connect once with `ssh builder`');
  });

  it('refuses a host whose key changed, and says how to check and replace it', async () => {
    const home = await server.makeHome({ key: 'authorized', knownHosts: 'none' });
    const impostor = ssh2.utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    const knownHosts = join(home, '.ssh', 'known_hosts');
    await writeFile(knownHosts, `# other hosts\n[127.0.0.1]:${server.port} ${impostor}\n`);
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.error?.message).toContain(`The ssh host key of 127.0.0.1 port ${server.port} has changed`);
    expect(status.error?.message).toContain(server.hostKeyFingerprint);
    expect(status.error?.message).toContain(`${knownHosts} line 2`);
    expect(status.error?.hint).toContain(`ssh-keygen -R '[127.0.0.1]:${server.port}' -f ${knownHosts}`);
  });

  it('says which keys were refused and what to do when the server does not let the key in', async () => {
    const home = await server.makeHome({ key: 'stranger', knownHosts: 'ed25519' });
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.error?.message).toBe(
      `${server.address} refused the ssh login of ${server.user}: it accepted none of ${join(home, '.ssh', 'id_ed25519')}.`,
    );
    expect(status.error?.hint).toContain(`ssh-copy-id -p ${server.port} ${server.user}@127.0.0.1`);
    expect(status.error?.hint).toContain('ssh-add');
  });

  it('passes on why the remote docker could not reach its engine', async () => {
    const home = await server.makeHome({ key: 'no-engine', knownHosts: 'ed25519' });
    const status = await overSsh({ HOME: home }).engineStatus();
    expect(status.reachable).toBe(false);
    expect(status.error?.message).toContain(
      `The Docker engine at ${server.address} did not answer: \`docker system dial-stdio\` on the ssh host exited with code 1`,
    );
    expect(status.error?.message).toContain('no-engine.sock');
    expect(status.error?.hint).toContain('docker group');
  });
});
