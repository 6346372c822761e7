import { describe, expect, it } from 'vitest';
import { engineError, engineHint } from './engineErrors.js';

/** What dockerode throws for an engine's 500: the engine's JSON body under `json`. */
function engineRefusal(message: string): Error {
  return Object.assign(new Error(`(HTTP code 500) server error - ${message}`), {
    statusCode: 500,
    json: { cause: 'no such file or directory', message, response: 500 },
  });
}

describe('engineHint', () => {
  it('tells a Podman user without catatonit how to give --init an init binary', () => {
    const message =
      'container create: container-init binary not found on the host: stat /usr/libexec/podman/catatonit: no such file or directory';
    expect(engineHint(message)).toMatch(/install it \(apt-get install catatonit.*\[engine\] section/);
  });

  it('says which ulimits a rootful Podman inside a container may not set', () => {
    const message =
      'runc: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 7: operation not permitted: OCI permission denied';
    expect(engineHint(message)).toMatch(/default_ulimits/);
  });

  it('has nothing to add to other refusals', () => {
    expect(engineHint('No such image: mlw/missing:1')).toBeUndefined();
  });
});

describe('engineError', () => {
  it("carries the engine's own message and the hint for it", () => {
    const error = engineError(
      'unix:///run/podman/podman.sock',
      engineRefusal(
        'container create: container-init binary not found on the host: stat /usr/libexec/podman/catatonit',
      ),
      'start mlw/softmax:1',
      undefined,
    );
    const shape = error.toShape();
    expect(shape.code).toBe('DOCKER_FAILED');
    expect(shape.message).toMatch(/^Docker could not start mlw\/softmax:1: container create: container-init/);
    expect(shape.hint).toMatch(/catatonit/);
    expect(shape.details).toEqual({ endpoint: 'unix:///run/podman/podman.sock', statusCode: 500 });
  });
});
