/** Reading DuckDB's JSON-safe row values (big integers arrive as strings) into plain numbers and text. */
import { jsonText } from '../../duckdb/index.js';

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

export function toCount(value: unknown): number {
  return toNumber(value) ?? 0;
}

export const toText = jsonText;

/** A DuckDB MAP as getRowObjectsJson returns it: [{ key, value }, ...]. */
export function mapEntries(value: unknown): { key: string; count: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || !('key' in entry) || !('value' in entry)) return [];
    const key = toText(entry.key);
    return key === null ? [] : [{ key, count: toCount(entry.value) }];
  });
}
