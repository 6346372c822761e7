import type { ImportOptions } from '../../../../shared/contract/index.js';

/**
 * The types offered for a CSV column: what DuckDB's sniffer detects, plus the narrower and exact
 * numbers people ask for. Each is a type `importOptionsSchema` accepts.
 */
export const COLUMN_TYPE_CHOICES = [
  'VARCHAR',
  'BIGINT',
  'INTEGER',
  'DOUBLE',
  'DECIMAL(18,4)',
  'BOOLEAN',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
] as const;

/** The choices for one column: its detected type first (whatever it is), then the rest. */
export function typeChoices(detected: string | undefined): string[] {
  const rest = COLUMN_TYPE_CHOICES.filter((type) => type !== detected);
  return detected ? [detected, ...rest] : rest;
}

type Patch = { [K in keyof ImportOptions]?: ImportOptions[K] | undefined };

/** Sets overrides; a field set to undefined goes back to being detected. */
export function applyOverrides(options: ImportOptions, patch: Patch): ImportOptions {
  const next: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Reads a column as `type`; choosing its detected type (or nothing) drops the override. */
export function withColumnType(
  options: ImportOptions,
  column: string,
  type: string | null,
  detected: string | undefined,
): ImportOptions {
  const types = { ...options.columnTypes };
  if (type === null || type === detected) delete types[column];
  else types[column] = type;
  return applyOverrides(options, { columnTypes: Object.keys(types).length > 0 ? types : undefined });
}

/**
 * A one-character setting typed by hand: empty means detected. The last character counts, so typing
 * into a field that already holds one replaces it.
 */
export function charOverride(text: string): string | undefined {
  return [...text].at(-1);
}

/** A count typed into a number field: empty (or nonsense) means detected; else a whole number ≥ 0. */
export function countOverride(value: string | number): number | undefined {
  const number = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? Math.floor(number) : undefined;
}

/** How many of the settings behind "Advanced" the user changed, for its badge. */
export function advancedCount(options: ImportOptions): number {
  return (['quote', 'escape', 'skipRows', 'sampleRows', 'maxLineSize', 'raggedRows'] as const).filter(
    (key) => options[key] !== undefined,
  ).length;
}

/** How a one-character setting reads on screen: quotes and blanks are hard to see bare. */
export function describeChar(char: string | undefined): string {
  if (char === undefined) return '';
  if (char === '') return 'none';
  if (char === '\t') return 'tab';
  if (char === ' ') return 'space';
  return char;
}
