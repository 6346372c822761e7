/**
 * Cuts a label to at most `max` characters with an ellipsis in the middle, so both the prefix and
 * the suffix of long column names (which often differ only at the end) stay readable.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…';
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/** Cuts a label at the end, for values whose start carries the meaning. */
export function truncateEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
