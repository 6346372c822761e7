import type { Dim } from '../model.js';

/**
 * Arithmetic on dimensions that may be symbolic (a dim_param name) or unknown (null). Every function
 * answers null rather than guess: an unknown shape is shown as unknown, never as a wrong one.
 */

export function isKnown(dim: Dim): dim is number {
  return typeof dim === 'number';
}

/** Numpy-style broadcasting of two shapes; null when they cannot broadcast or a dim cannot be told. */
export function broadcast(a: Dim[], b: Dim[]): Dim[] | null {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = i < rank - a.length ? 1 : (a[i - (rank - a.length)] ?? null);
    const y = i < rank - b.length ? 1 : (b[i - (rank - b.length)] ?? null);
    const dim = broadcastDim(x, y);
    if (dim === undefined) return null;
    out.push(dim);
  }
  return out;
}

/** undefined: the dims conflict. An unknown dim against a size above 1 must be 1 or that size: the size. */
function broadcastDim(x: Dim, y: Dim): Dim | undefined {
  if (x === y) return x;
  if (x === 1) return y;
  if (y === 1) return x;
  if (isKnown(x) && isKnown(y)) return undefined;
  if (isKnown(x)) return x;
  if (isKnown(y)) return y;
  return null;
}

/** The product of dims: a number when all are known; a lone symbol times ones stays that symbol. */
export function product(dims: Dim[]): Dim {
  let known = 1;
  const symbols: Dim[] = [];
  for (const dim of dims) {
    if (isKnown(dim)) known *= dim;
    else symbols.push(dim);
  }
  if (symbols.length === 0) return known;
  if (known === 0) return 0;
  return symbols.length === 1 && known === 1 ? (symbols[0] ?? null) : null;
}

/** The sum of dims along a concatenation axis. */
export function sum(dims: Dim[]): Dim {
  return dims.every(isKnown) ? dims.reduce((total, dim) => total + dim, 0) : null;
}

/** Two declarations of the same dim: known wins over unknown, a conflict becomes unknown. */
export function merge(a: Dim, b: Dim): Dim {
  if (a === null) return b;
  if (b === null || a === b) return a;
  return isKnown(a) && isKnown(b) ? null : isKnown(a) ? a : b;
}

/** A possibly negative axis made absolute; null when out of range. */
export function axisOf(axis: number, rank: number): number | null {
  const absolute = axis < 0 ? axis + rank : axis;
  return absolute >= 0 && absolute < rank ? absolute : null;
}

/** Elements in a shape, or null if any dim is not a known size. */
export function elementCount(shape: Dim[] | null): number | null {
  if (!shape || !shape.every(isKnown)) return null;
  return shape.reduce((total, dim) => total * dim, 1);
}
