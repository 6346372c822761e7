import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { readOnnxModel } from '../onnx/index.js';

/** An input as ONNX Runtime describes it: its dims are JavaScript numbers, rounded past 2^53. */
interface InputMetadata {
  name: string;
  isTensor: boolean;
  shape?: readonly (number | string)[];
}

/**
 * Refuses a model whose inputs declare a dimension no number holds exactly (such as 2^63 - 1): no
 * input can be made or fed for it, and ONNX Runtime's rounded figure would misquote the file. The
 * exact dims are read from the file itself, so the message says what the model declares.
 */
export async function refuseUnrepresentableInputs(
  fileName: string,
  path: string,
  inputs: readonly InputMetadata[],
): Promise<void> {
  const huge = inputs.filter(
    (input) =>
      input.isTensor &&
      (input.shape ?? []).some((dim) => typeof dim === 'number' && !Number.isSafeInteger(dim)),
  );
  if (huge.length === 0) return;
  const declared = await declaredShapes(path);
  const described = huge.map((input) => {
    const shape = declared.get(input.name) ?? (input.shape ?? []).map((dim) => `about ${dim}`);
    return `${input.name} [${shape.join(', ')}]`;
  });
  throw new WorkbenchError({
    code: 'MODEL_INVALID',
    message: `${fileName} declares input${huge.length === 1 ? '' : 's'} ${described.join(', ')}: a dimension past 2^53 - 1 is more than any tensor can hold, so no input can be given.`,
    hint: 'Export the model with its real input sizes, or with a named dimension (dim_param) where the size varies; `mlw model check` lists every such value.',
    details: { path, inputs: huge.map((input) => input.name) },
  });
}

/** Each graph input's declared dims as the file writes them; empty when the file cannot be read here. */
async function declaredShapes(path: string): Promise<Map<string, string[]>> {
  const shapes = new Map<string, string[]>();
  const model = await readOnnxModel(path).catch(() => null);
  for (const input of model?.graph.inputs ?? []) {
    const type = input.type;
    if (type?.kind === 'tensor' && type.shape)
      shapes.set(
        input.name,
        type.shape.map((dim) => String(dim ?? '?')),
      );
  }
  return shapes;
}
