import { describe, expect, it } from 'vitest';
import { parseImageReference } from './imageReference.js';
import { defaultImageTag } from './imageTag.js';

describe('defaultImageTag', () => {
  it('names the image after the model and its version', () => {
    expect(defaultImageTag('churn', 3)).toBe('mlw/churn:3');
  });

  it('turns dots and underscores, which registry names allow only singly, into one dash', () => {
    expect(defaultImageTag('resnet_50..v2', 1)).toBe('mlw/resnet-50-v2:1');
    expect(parseImageReference(defaultImageTag('resnet_50..v2', 1))).not.toBeNull();
  });

  it('falls back to model for a name with no letters or digits left', () => {
    expect(defaultImageTag('._', 2)).toBe('mlw/model:2');
  });
});
