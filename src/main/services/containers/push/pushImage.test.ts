import { describe, expect, it } from 'vitest';
import { pushFailure } from './pushImage.js';

describe('pushFailure', () => {
  it('tells how to let a plain-HTTP registry in, for Podman, which does not exempt 127.0.0.1', () => {
    // What Podman 4.3 answers when pushing to Debian's docker-registry on a loopback port.
    const reason =
      'trying to reuse blob sha256:e0ac0b40 at destination: pinging container registry 127.0.0.1:45999: Get "https://127.0.0.1:45999/v2/": http: server gave HTTP response to HTTPS client';
    const error = pushFailure('127.0.0.1:45999/mlw/softmax:1', '127.0.0.1:45999', reason, false);
    expect(error.code).toBe('DOCKER_FAILED');
    expect(error.message).toMatch(/^The registry 127\.0\.0\.1:45999 is not reachable from the Docker engine/);
    expect(error.hint).toMatch(/plain HTTP.*registries\.conf/);
  });

  it('keeps the general hint for a registry that is not there', () => {
    const error = pushFailure(
      '127.0.0.1:1/x:1',
      '127.0.0.1:1',
      'dial tcp 127.0.0.1:1: connect: connection refused',
      false,
    );
    expect(error.hint).toMatch(/^Check the registry address and that it is up/);
  });
});
