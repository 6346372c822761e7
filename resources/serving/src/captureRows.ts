import { jsonValues, nest, rowsOf, type TensorLike } from './tensorOut.js';

export interface CaptureRow {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/**
 * A request's tensors as rows, so features read as columns: each input and output split along dim 0
 * when all share that first dim; otherwise one row holding each whole tensor as nested arrays.
 */
export function captureRows(
  inputs: Readonly<Record<string, TensorLike>>,
  outputs: Readonly<Record<string, TensorLike>>,
): CaptureRow[] {
  const all = [...Object.entries(inputs), ...Object.entries(outputs)];
  const rows = all[0]?.[1].dims[0];
  const split =
    rows === undefined ? undefined : all.map(([name, tensor]) => [name, rowsOf(tensor, rows)] as const);
  if (rows !== undefined && split?.every(([, values]) => values !== undefined)) {
    const inputCount = Object.keys(inputs).length;
    return Array.from({ length: rows }, (_, row) => {
      const line: CaptureRow = { inputs: {}, outputs: {} };
      split.forEach(([name, values], k) => {
        (k < inputCount ? line.inputs : line.outputs)[name] = values?.[row];
      });
      return line;
    });
  }
  const whole = (tensors: Readonly<Record<string, TensorLike>>) =>
    Object.fromEntries(
      Object.entries(tensors).map(([name, tensor]) => [name, nest(jsonValues(tensor), tensor.dims)]),
    );
  return [{ inputs: whole(inputs), outputs: whole(outputs) }];
}
