import { describe, expect, it } from 'vitest';
import { editMetadata } from './metadata.js';
import type { ProtoModel } from './proto.js';

const model = (): ProtoModel => ({
  producer_name: 'pytorch',
  opset_import: [],
  functions: [],
  metadata_props: [
    { key: 'author', value: 'a' },
    { key: 'license', value: 'MIT' },
  ],
});

describe('metadata editing', () => {
  it('sets producer, doc string and version, adds, overwrites and removes properties', () => {
    const edited = model();
    editMetadata(edited, {
      producerName: 'mlw',
      producerVersion: '0.1.0',
      docString: 'A test model',
      modelVersion: 3,
      set: { author: 'b', task: 'classification' },
      remove: ['license', 'absent'],
    });
    expect(edited).toMatchObject({
      producer_name: 'mlw',
      producer_version: '0.1.0',
      doc_string: 'A test model',
      model_version: 3,
      metadata_props: [
        { key: 'author', value: 'b' },
        { key: 'task', value: 'classification' },
      ],
    });
  });

  it('refuses a bad version, an empty key and a key both set and removed', () => {
    expect(() => editMetadata(model(), { modelVersion: -1 })).toThrow(
      'The model version must be a whole number of 0 or more, not -1.',
    );
    expect(() => editMetadata(model(), { set: { '': 'x' } })).toThrow('A metadata key may not be empty.');
    expect(() => editMetadata(model(), { set: { author: 'x' }, remove: ['author'] })).toThrow(
      'Metadata key author is both set and removed.',
    );
  });
});
