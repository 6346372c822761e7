/**
 * Values of DuckDB's JSON row objects as plain scalars: numbers, strings and booleans as they are,
 * big integers as text, and nested values (lists, structs, maps) as their JSON text, since every
 * consumer (a preview, a grid cell, a profile label, a notebook fallback) shows them as text.
 */
export function jsonScalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

/** jsonScalar as text; null stays null. */
export function jsonText(value: unknown): string | null {
  const scalar = jsonScalar(value);
  return scalar === null ? null : String(scalar);
}
