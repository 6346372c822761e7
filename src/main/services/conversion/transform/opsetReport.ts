import { OP_VERSIONS, OP_VERSIONS_MAX_OPSET } from './opVersions.generated.js';
import { int64, subgraphsOf, type ProtoGraph, type ProtoModel } from './proto.js';

export interface OpUse {
  domain: string;
  opType: string;
  count: number;
  /** The opset that introduced the operator; null when our schema table does not know it. */
  introducedIn: number | null;
  /** The operator version the imported opset resolves to (the latest change at or before it). */
  versionUsed: number | null;
}

export interface OpsetReport {
  opsetImports: { domain: string; version: number }[];
  ops: OpUse[];
  /** The smallest default-domain opset that has every default-domain operator the model uses. */
  minDefaultOpset: number | null;
  /** Operators of other domains (ai.onnx.ml, com.microsoft, custom): they need a runtime that has them. */
  nonDefaultOps: OpUse[];
  /** Default-domain operators unknown to our table (newer than its opset, or misspelled). */
  unknownOps: string[];
  /** The newest opset our table covers. */
  tableMaxOpset: number;
}

/** What a model imports and uses, operator by operator, subgraphs included. */
export function opsetReport(model: ProtoModel): OpsetReport {
  const opsetImports = model.opset_import.map((opset) => ({
    domain: opset.domain || 'ai.onnx',
    version: int64(opset.version),
  }));
  const imported = new Map(opsetImports.map(({ domain, version }) => [domain, version]));
  const counts = new Map<string, { domain: string; opType: string; count: number }>();
  const visit = (graph: ProtoGraph) => {
    for (const node of graph.node) {
      const domain = node.domain || 'ai.onnx';
      const key = `${domain}/${node.op_type ?? ''}`;
      const entry = counts.get(key) ?? { domain, opType: node.op_type ?? '', count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    for (const { graph: sub } of subgraphsOf(graph)) visit(sub);
  };
  if (model.graph) visit(model.graph);
  const ops = [...counts.entries()]
    .map(([key, use]): OpUse => {
      const versions = OP_VERSIONS[key];
      const opset = imported.get(use.domain);
      const used = versions && opset !== undefined ? versions.filter((v) => v <= opset).at(-1) : undefined;
      return { ...use, introducedIn: versions?.[0] ?? null, versionUsed: used ?? null };
    })
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.opType.localeCompare(b.opType));
  const defaults = ops.filter((op) => op.domain === 'ai.onnx');
  const known = defaults.filter((op) => op.introducedIn !== null);
  return {
    opsetImports,
    ops,
    minDefaultOpset: known.length ? Math.max(...known.map((op) => op.introducedIn as number)) : null,
    nonDefaultOps: ops.filter((op) => op.domain !== 'ai.onnx'),
    unknownOps: defaults.filter((op) => op.introducedIn === null).map((op) => op.opType),
    tableMaxOpset: OP_VERSIONS_MAX_OPSET,
  };
}
