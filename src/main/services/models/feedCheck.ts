import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../shared/contract/models.js';
import { elementCount, type TensorValue } from '../../../shared/tensors/tensors.js';

const show = (shape: readonly (number | string | null)[]): string =>
  `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

/**
 * Checks feeds against what the model declares before they cross to the worker, so the message
 * names the input and says expected against got (ONNX Runtime's own text names neither for a
 * wrong element type). Symbolic and unknown dimensions accept any size.
 */
export function checkFeeds(
  fileName: string,
  inputs: readonly ValueInfo[],
  feeds: Record<string, TensorValue>,
): void {
  const problems: string[] = [];
  const declared = new Set(inputs.map((i) => i.name));
  for (const name of Object.keys(feeds))
    if (!declared.has(name)) problems.push(`${name} is not an input of the model`);
  for (const input of inputs) {
    const feed = feeds[input.name];
    if (!feed) {
      problems.push(`input ${input.name} is missing`);
      continue;
    }
    const count = Array.isArray(feed.data) ? feed.data.length : feed.data.length;
    if (count !== elementCount(feed.dims))
      problems.push(
        `input ${input.name}: dims ${show(feed.dims)} hold ${elementCount(feed.dims)} values, the data has ${count}`,
      );
    const expected = `${input.type ?? '?'} ${input.shape ? show(input.shape) : '(any shape)'}`;
    const got = `${feed.type} ${show(feed.dims)}`;
    const typeWrong = input.type !== null && input.type !== feed.type;
    const shapeWrong =
      input.shape !== null &&
      (input.shape.length !== feed.dims.length ||
        input.shape.some((dim, i) => typeof dim === 'number' && dim !== feed.dims[i]));
    if (typeWrong || shapeWrong) problems.push(`input ${input.name}: expected ${expected}, got ${got}`);
  }
  if (problems.length === 0) return;
  throw new WorkbenchError({
    code: 'TENSOR_SHAPE',
    message: `${fileName} cannot take these inputs: ${problems.join('; ')}.`,
    hint: `The model takes ${inputs.map((i) => `${i.name} ${i.type ?? '?'} ${i.shape ? show(i.shape) : ''}`.trim()).join(', ')}.`,
    details: { problems },
  });
}
