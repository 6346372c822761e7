import type { OnnxNode } from '../model.js';

export type { Finding } from '../../../../../shared/contract/modelSummary.js';

/**
 * How findings name a node: its name, or its op type and position when it has none; nodes inside a
 * subgraph are prefixed with the node and attribute that hold it (`loop_1/body/Add #3`).
 */
export function nodeLabel(node: OnnxNode, index: number, scope: string): string {
  return `${scope}${node.name || `${node.opType} #${index}`}`;
}
