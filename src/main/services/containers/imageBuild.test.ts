import { describe, expect, it } from 'vitest';
import { parseStepHeader } from './imageBuild.js';

describe('parseStepHeader', () => {
  it("reads Docker's classic builder header", () => {
    expect(parseStepHeader('Step 4/12 : COPY model/ /srv/model/')).toEqual({
      number: 4,
      total: 12,
      instruction: 'COPY model/ /srv/model/',
    });
  });

  it("reads Podman's (Buildah's) header, as its compat /build streams it", () => {
    expect(parseStepHeader('STEP 10/12: HEALTHCHECK --interval=10s CMD ["node"]')).toEqual({
      number: 10,
      total: 12,
      instruction: 'HEALTHCHECK --interval=10s CMD ["node"]',
    });
  });

  it('ignores every other line', () => {
    for (const line of [
      '--> 65b85732d0e',
      'COMMIT docker.io/mlw/softmax:1',
      ' ---> Running in 1f2e',
      'step 1/2 : FROM x',
    ])
      expect(parseStepHeader(line)).toBeUndefined();
  });
});
