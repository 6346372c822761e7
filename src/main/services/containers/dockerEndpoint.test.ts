import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { resolveDockerEndpoint } from './dockerEndpoint.js';

describe('resolveDockerEndpoint', () => {
  it('shows a DOCKER_HOST with credentials redacted, and still connects to its host', () => {
    const endpoint = resolveDockerEndpoint(undefined, { DOCKER_HOST: 'tcp://user:password@127.0.0.1:1' });
    expect(endpoint.display).toBe('tcp://user:***@127.0.0.1:1');
    expect(endpoint.options).toMatchObject({ protocol: 'http', host: '127.0.0.1', port: 1 });
  });

  it('keeps the ssh user and drops its password from what is shown', () => {
    const endpoint = resolveDockerEndpoint('ssh://deploy:pw@build-box:2222', {});
    expect(endpoint.display).toBe('ssh://deploy:***@build-box:2222');
    expect(endpoint.options).toMatchObject({
      protocol: 'ssh',
      host: 'build-box',
      port: 2222,
      username: 'deploy',
    });
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
