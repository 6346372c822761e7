import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { resolveDockerEndpoint } from './dockerEndpoint.js';

describe('resolveDockerEndpoint', () => {
  it('shows a DOCKER_HOST with credentials redacted, and still connects to its host', () => {
    const endpoint = resolveDockerEndpoint(undefined, { DOCKER_HOST: 'tcp://user:password@127.0.0.1:1' });
    expect(endpoint.display).toBe('tcp://user:***@127.0.0.1:1');
    expect(endpoint.options).toMatchObject({ protocol: 'http', host: '127.0.0.1', port: 1 });
  });

  it('keeps the ssh user and port, and talks HTTP through the ssh agent the client adds', () => {
    const endpoint = resolveDockerEndpoint('ssh://deploy@build-box:2222', {});
    expect(endpoint.display).toBe('ssh://deploy@build-box:2222');
    expect(endpoint.options).toEqual({ protocol: 'http', host: 'build-box', port: 2222 });
    expect(endpoint.ssh).toEqual({ host: 'build-box', port: 2222, username: 'deploy' });
    // Left out, the port and user are ~/.ssh/config's to give, as for ssh.
    expect(resolveDockerEndpoint('ssh://[::1]', {}).ssh).toEqual({
      host: '::1',
      port: undefined,
      username: undefined,
    });
  });

  it('refuses an ssh password, as the docker CLI does, without echoing it', () => {
    let thrown: unknown;
    try {
      resolveDockerEndpoint('ssh://deploy:s3cret@build-box:2222', {});
    } catch (error) {
      thrown = error;
    }
    expect(isWorkbenchError(thrown) && thrown.code).toBe('INVALID_INPUT');
    expect(String((thrown as Error).message)).toContain('ssh://deploy:***@build-box:2222');
    expect(String((thrown as Error).message)).not.toContain('s3cret');
  });

  it('refuses an address that is not a URL without echoing its password', () => {
    let thrown: unknown;
    try {
      resolveDockerEndpoint('tcp://user:pass word@[bad', {});
    } catch (error) {
      thrown = error;
    }
    expect(isWorkbenchError(thrown) && thrown.code).toBe('INVALID_INPUT');
    expect(String((thrown as Error).message)).not.toContain('pass word');
    expect(String((thrown as Error).message)).toContain('tcp://user:***@[bad');
  });
});

describe('where the engine address comes from', () => {
  let config: string;
  const contextId = createHash('sha256').update('build-box').digest('hex');

  beforeAll(async () => {
    config = await mkdtemp(join(tmpdir(), 'mlw-docker-config-'));
    // The layout the docker CLI writes for `docker context create build-box --docker host=…`.
    await mkdir(join(config, 'contexts', 'meta', contextId), { recursive: true });
    await writeFile(
      join(config, 'contexts', 'meta', contextId, 'meta.json'),
      JSON.stringify({
        Name: 'build-box',
        Endpoints: { docker: { Host: 'tcp://build-box:2376', SkipTLSVerify: false } },
      }),
    );
    await mkdir(join(config, 'contexts', 'tls', contextId, 'docker'), { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem'])
      await writeFile(join(config, 'contexts', 'tls', contextId, 'docker', file), `${file} of build-box`);
    await writeFile(join(config, 'config.json'), JSON.stringify({ currentContext: 'build-box' }));
    await mkdir(join(config, 'certs'));
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await writeFile(join(config, 'certs', file), file);
  });
  afterAll(() => rm(config, { recursive: true, force: true }));

  const none = (): boolean => false;

  it("uses the docker CLI's current context, with its TLS certificates, and names it", () => {
    const endpoint = resolveDockerEndpoint(undefined, { DOCKER_CONFIG: config }, none);
    expect(endpoint).toMatchObject({
      display: 'tcp://build-box:2376',
      source: 'context',
      context: 'build-box',
    });
    expect(endpoint.options).toMatchObject({ protocol: 'https', host: 'build-box', port: 2376 });
    expect(Buffer.from(endpoint.options.ca as Buffer).toString()).toBe('ca.pem of build-box');
  });

  it('lets DOCKER_HOST and then the setting win over the context, as the docker CLI does', () => {
    const env = { DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///run/other.sock' };
    expect(resolveDockerEndpoint(undefined, env, none)).toMatchObject({
      source: 'DOCKER_HOST',
      display: 'unix:///run/other.sock',
    });
    expect(resolveDockerEndpoint('tcp://10.0.0.5:2375', env, none)).toMatchObject({ source: 'setting' });
  });

  it('takes DOCKER_CONTEXT over the config file, and says when the context does not exist', () => {
    expect(
      resolveDockerEndpoint(undefined, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'default' }, none),
    ).toMatchObject({
      source: 'default',
      display: 'unix:///var/run/docker.sock',
    });
    expect(() =>
      resolveDockerEndpoint(undefined, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gone' }, none),
    ).toThrow('The Docker context "gone" is not defined');
  });

  it('reaches a context whose endpoint is ssh:// over ssh', async () => {
    const id = createHash('sha256').update('gpu-box').digest('hex');
    await mkdir(join(config, 'contexts', 'meta', id), { recursive: true });
    await writeFile(
      join(config, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({
        Name: 'gpu-box',
        Endpoints: { docker: { Host: 'ssh://ml@gpu-box', SkipTLSVerify: false } },
      }),
    );
    const endpoint = resolveDockerEndpoint(
      undefined,
      { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gpu-box' },
      none,
    );
    expect(endpoint).toMatchObject({ source: 'context', context: 'gpu-box', display: 'ssh://ml@gpu-box' });
    expect(endpoint.ssh).toEqual({ host: 'gpu-box', port: undefined, username: 'ml' });
  });

  it('reads DOCKER_CERT_PATH for DOCKER_TLS_VERIFY, and says when a certificate is missing', () => {
    const endpoint = resolveDockerEndpoint(
      undefined,
      { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(config, 'certs') },
      none,
    );
    expect(endpoint.options).toMatchObject({ protocol: 'https', port: 2376 });
    expect(Buffer.from(endpoint.options.key as Buffer).toString()).toBe('key.pem');
    expect(() =>
      resolveDockerEndpoint(
        undefined,
        { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: config },
        none,
      ),
    ).toThrow('The TLS certificates for the Docker engine cannot be read');
  });

  it("falls back to Podman's socket where there is no Docker socket", () => {
    const runtime = join(config, 'run');
    const podman = join(runtime, 'podman', 'podman.sock');
    const endpoint = resolveDockerEndpoint(
      undefined,
      { XDG_RUNTIME_DIR: runtime, HOME: config + '-none' },
      (path) => path === podman,
    );
    expect(endpoint).toMatchObject({
      source: 'podman',
      display: `unix://${podman}`,
      options: { socketPath: podman },
    });
    // With a Docker socket, Docker it is.
    expect(
      resolveDockerEndpoint(undefined, { XDG_RUNTIME_DIR: runtime, HOME: config + '-none' }, () => true),
    ).toMatchObject({ source: 'default' });
  });
});
