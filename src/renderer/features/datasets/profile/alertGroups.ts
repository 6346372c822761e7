import type { AlertType } from './profileTypes.js';

export type AlertEntry<T> = { kind: 'alert'; alert: T } | { kind: 'more'; type: AlertType; hidden: number };

/**
 * Caps each run of same-type alerts at `limit` rows plus a "show N more" entry, unless the type is
 * expanded: 35 "unique" notes on a sensor table would otherwise bury the one constant column.
 * A run only one longer than the limit is shown whole (a "1 more" link saves nothing).
 */
export function collapseGroups<T extends { type: AlertType }>(
  sorted: T[],
  expanded: ReadonlySet<AlertType>,
  limit: number,
): AlertEntry<T>[] {
  const sizes = new Map<AlertType, number>();
  for (const alert of sorted) sizes.set(alert.type, (sizes.get(alert.type) ?? 0) + 1);
  const seen = new Map<AlertType, number>();
  const entries: AlertEntry<T>[] = [];
  for (const alert of sorted) {
    const size = sizes.get(alert.type) ?? 0;
    const index = seen.get(alert.type) ?? 0;
    seen.set(alert.type, index + 1);
    const capped = !expanded.has(alert.type) && size > limit + 1;
    if (!capped || index < limit) entries.push({ kind: 'alert', alert });
    else if (index === limit) entries.push({ kind: 'more', type: alert.type, hidden: size - limit });
  }
  return entries;
}
