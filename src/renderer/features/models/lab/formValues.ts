import type { ValueSummary } from '../../../../shared/contract/modelSummary.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `1, 8, 32` (commas or spaces) → distinct whole numbers in [1, max], in the order typed. */
export function parseSizes(text: string, max: number): Parsed<number[]> {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Give at least one number, e.g. 1, 8, 32' };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || value < 1 || value > max)
      return {
        ok: false,
        message: `“${part}” is not a whole number from 1 to ${max.toLocaleString('en-US')}`,
      };
    if (!values.includes(value)) values.push(value);
  }
  if (values.length > 32) return { ok: false, message: 'At most 32 sizes' };
  return { ok: true, value: values };
}

/**
 * The named dimensions a run needs sizes for: every symbolic dimension after the first of each
 * input (a leading free dimension takes the batch size), each name once, in signature order.
 */
export function namedDims(inputs: ValueSummary[]): string[] {
  const names: string[] = [];
  for (const input of inputs) {
    const type = input.type;
    if (!type || (type.kind !== 'tensor' && type.kind !== 'sparse_tensor') || !type.shape) continue;
    type.shape.forEach((dim, index) => {
      if (index > 0 && typeof dim === 'string' && !names.includes(dim)) names.push(dim);
    });
  }
  return names;
}

/** Sizes typed for named dimensions → the `dims` record, or the first that is not a size. */
export function parseDims(names: string[], typed: Record<string, string>): Parsed<Record<string, number>> {
  const dims: Record<string, number> = {};
  for (const name of names) {
    const text = (typed[name] ?? '').trim();
    if (!/^\d+$/.test(text) || Number(text) < 1)
      return { ok: false, message: `Give “${name}” a size (a whole number of at least 1)` };
    dims[name] = Number(text);
  }
  return { ok: true, value: dims };
}
