import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { signatureChange } from './signatureChange.js';

const card = (inputs: ModelCard['inputs'], outputs: ModelCard['outputs']): ModelCard =>
  ({ inputs, outputs }) as ModelCard;
const image = { name: 'image', elementType: 'FLOAT', shape: [1, 3, 224, 224] };
const probs = { name: 'probs', elementType: 'FLOAT', shape: ['N', 1000] };

describe('signatureChange', () => {
  it('is null when inputs and outputs are the same', () => {
    expect(signatureChange(card([image], [probs]), card([image], [probs]))).toBeNull();
  });

  it('names each changed, added and removed value with before and after', () => {
    const after = card(
      [{ ...image, shape: ['N', 3, 224, 224], elementType: 'FLOAT16' }],
      [{ name: 'label', elementType: 'INT64', shape: ['N'] }],
    );
    expect(signatureChange(card([image], [probs]), after)).toBe(
      'input image: type FLOAT → FLOAT16; input image: shape [1, 3, 224, 224] → [N, 3, 224, 224]; ' +
        'output label added; output probs removed',
    );
  });

  it('tells an unknown rank from a known shape', () => {
    expect(signatureChange(card([image], []), card([{ ...image, shape: null }], []))).toBe(
      'input image: shape [1, 3, 224, 224] → ?',
    );
  });
});
