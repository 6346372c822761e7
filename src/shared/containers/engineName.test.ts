import { describe, expect, it } from 'vitest';
import { engineName } from './engineName.js';

describe('engineName', () => {
  it("names Podman by its version report's first component, wherever it was found", () => {
    expect(engineName({ product: 'Podman Engine', source: 'DOCKER_HOST' })).toBe('Podman');
  });

  it("names Podman found at Podman's socket even before it answered", () => {
    expect(engineName({ source: 'podman' })).toBe('Podman');
  });

  it('names Docker otherwise, which calls itself just "Engine"', () => {
    expect(engineName({ product: 'Engine', source: 'default' })).toBe('Docker');
    expect(engineName({})).toBe('Docker');
  });
});
