import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { tensorFromJson } from '../../../../shared/tensors/jsonTensor.js';
import { decodeNpy, decodeNpz } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { formatShape } from './tensorInput.js';

export type SourceResult = { ok: true; tensor: TensorValue } | { ok: false; message: string };

function describeError(error: unknown): string {
  if (error instanceof WorkbenchError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why `tensor` cannot fill `input`, or undefined when it can: the element type must be the input's and
 * the shape must have its rank and fixed sizes (symbolic or unknown dims take any size).
 */
export function tensorProblem(
  input: ValueInfo,
  tensor: TensorValue,
  source: string,
  kind: 'numpy' | 'json',
): string | undefined {
  const declared = input.shape;
  const got = `${tensor.type} [${tensor.dims.join(', ')}]`;
  const wants = `${input.type ?? 'not a tensor'} ${formatShape(declared)}`;
  const said = `${source} holds ${got}; input ${input.name} takes ${wants}.`;
  if (input.type === null)
    return `Input ${input.name} is not a tensor (a sequence or a map); it cannot be filled.`;
  if (tensor.type !== input.type) {
    const numpyType = input.type === 'string' ? 'str' : input.type;
    return kind === 'numpy'
      ? `${said} Convert it in NumPy: np.save("${source}", a.astype("${numpyType}")).`
      : `${said} Write "type": "${input.type}".`;
  }
  if (declared === null) return undefined;
  const fits =
    tensor.dims.length === declared.length &&
    declared.every((dim, i) => typeof dim !== 'number' || dim < 0 || dim === tensor.dims[i]);
  if (fits) return undefined;
  return kind === 'numpy'
    ? `${said} Save an array of that shape, e.g. with a.reshape(…).`
    : `${said} Give "dims" and data of that shape.`;
}

/** An uploaded .npy file for one input, decoded and checked against the input. */
export function npyForInput(input: ValueInfo, bytes: Uint8Array, fileName: string): SourceResult {
  let tensor: TensorValue;
  try {
    tensor = decodeNpy(bytes, fileName);
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
  const problem = tensorProblem(input, tensor, fileName, 'numpy');
  return problem === undefined ? { ok: true, tensor } : { ok: false, message: problem };
}

/**
 * An uploaded .npz archive spread over the inputs by array name: each named input gets its array or
 * a message; arrays that match no input are listed so a misnamed one is easy to spot.
 */
export function npzForInputs(
  inputs: readonly ValueInfo[],
  bytes: Uint8Array,
  fileName: string,
): { ok: false; message: string } | { ok: true; results: Record<string, SourceResult>; unused: string[] } {
  let arrays: Record<string, TensorValue>;
  try {
    arrays = decodeNpz(bytes, fileName);
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
  const names = Object.keys(arrays);
  const results: Record<string, SourceResult> = {};
  for (const input of inputs) {
    const tensor = arrays[input.name];
    if (tensor === undefined) {
      results[input.name] = {
        ok: false,
        message: `${fileName} has no array named ${input.name} (it holds ${names.length ? names.join(', ') : 'no arrays'}). Save it with np.savez("${fileName}", ${input.name}=a).`,
      };
      continue;
    }
    const problem = tensorProblem(input, tensor, `${fileName} (${input.name})`, 'numpy');
    results[input.name] = problem === undefined ? { ok: true, tensor } : { ok: false, message: problem };
  }
  return { ok: true, results, unused: names.filter((name) => !inputs.some((i) => i.name === name)) };
}

/** Whether typed text is the JSON tensor object form ({"dims", "type", "data"}), not an array or number. */
export function isTensorObject(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** Text in the JSON tensor object form, read with the codec the CLI uses and checked against the input. */
export function jsonObjectForInput(input: ValueInfo, text: string): SourceResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let tensor: TensorValue;
  try {
    tensor = tensorFromJson(json, 'The JSON', input.type ?? undefined);
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
  const problem = tensorProblem(input, tensor, 'The JSON', 'json');
  return problem === undefined ? { ok: true, tensor } : { ok: false, message: problem };
}
