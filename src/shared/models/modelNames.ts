/**
 * Model names: what a file name becomes when no name is given, and whether a name says anything
 * about the model. Pure, so the add dialog can warn as the user types.
 */

/** Words that name no model on their own: `model-final-2`, `new_model`, `best`, `v2` say nothing. */
const GENERIC_WORDS = new Set([
  'model',
  'models',
  'final',
  'new',
  'test',
  'tests',
  'testing',
  'untitled',
  'best',
  'output',
  'out',
  'latest',
  'last',
  'copy',
  'tmp',
  'temp',
  'my',
  'onnx',
  'export',
  'exported',
  'trained',
  'checkpoint',
  'ckpt',
  'weights',
  'default',
  'version',
  'draft',
  'old',
  'updated',
  'fixed',
  'result',
  'saved',
  'sample',
  'example',
  'demo',
  'foo',
  'bar',
  'baz',
  'net',
  'v',
]);

/** A version or counter: `2`, `v2`, `v1.3`, `002`, `20240131`. */
const COUNTER = /^(v?\d+)$/;

/**
 * A warning when a model name holds nothing but generic words, counters and versions (`model`,
 * `model-final-2`, `new_model`, `v2`), else null.
 */
export function genericNameWarning(name: string): string | null {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  const generic = words.every((word) => GENERIC_WORDS.has(word) || COUNTER.test(word));
  if (!generic) return null;
  return `"${name}" says nothing about what the model does; a name such as "churn-classifier" or "resnet50-pets" is easier to find later.`;
}

/** The name a file gets when none is given: its stem, lowercased, with other characters as dashes. */
export function defaultModelName(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '');
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[._-]+$/, '')
    .replace(/\.onnx$/, '');
  return name === '' ? 'model' : name;
}
