import type { GraphNode } from './graphModel.js';

/**
 * Boxes whose node name, operator type or value name contains the query (any case), in graph order.
 * An exact operator type match ("Conv") finds only that type, not "ConvTranspose".
 */
export function searchNodes(nodes: readonly GraphNode[], query: string): number[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const exactType = nodes.some((node) => node.kind === 'op' && node.opType.toLowerCase() === needle);
  const hits: number[] = [];
  nodes.forEach((node, i) => {
    const type = node.opType.toLowerCase();
    const hit = exactType
      ? type === needle || node.name.toLowerCase() === needle
      : node.name.toLowerCase().includes(needle) || (node.kind === 'op' && type.includes(needle));
    if (hit) hits.push(i);
  });
  return hits;
}

/** The next (or previous) match after `current`, wrapping around. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
