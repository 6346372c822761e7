import type { OnnxNode } from '../model.js';

/** One problem checkModel found; `node` and `value` name where, so the UI can point at it. */
export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  node?: string;
  value?: string;
}

/**
 * How findings name a node: its name, or its op type and position when it has none; nodes inside a
 * subgraph are prefixed with the node and attribute that hold it (`loop_1/body/Add #3`).
 */
export function nodeLabel(node: OnnxNode, index: number, scope: string): string {
  return `${scope}${node.name || `${node.opType} #${index}`}`;
}
