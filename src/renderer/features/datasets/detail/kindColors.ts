import type { ColumnKind } from '../../../../shared/contract/index.js';

/** One hue per kind of column, so a long table can be scanned by type at a glance. */
export const kindColors: Record<ColumnKind, string> = {
  numeric: 'blue',
  categorical: 'grape',
  text: 'gray',
  datetime: 'teal',
  boolean: 'orange',
  other: 'yellow',
};
