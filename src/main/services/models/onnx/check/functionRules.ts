import { subgraphsOf } from '../graphWalk.js';
import type { OnnxFunction, OnnxModel, OnnxNode } from '../model.js';
import type { Finding } from './findings.js';
import { canonicalDomain } from './runtimeSupport.js';

const key = (domain: string, name: string) => `${canonicalDomain(domain)}:${name}`;

/**
 * Model-local functions must not call themselves, directly or through one another: ONNX Runtime
 * inlines them and refuses a model whose calls form a cycle. One finding per cycle.
 */
export function checkFunctions(model: OnnxModel): Finding[] {
  const functions = new Map(model.functions.map((fn) => [key(fn.domain, fn.name), fn]));
  const calls = new Map(
    [...functions].map(([id, fn]) => [id, [...new Set(callsIn(fn.nodes).filter((c) => functions.has(c)))]]),
  );
  const findings: Finding[] = [];
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (done.has(id)) return;
    const seen = path.indexOf(id);
    if (seen >= 0) {
      const cycle = path.slice(seen);
      const signature = [...cycle].sort().join(' ');
      if (!reported.has(signature)) {
        reported.add(signature);
        findings.push(recursion(cycle, functions));
      }
      return;
    }
    for (const callee of calls.get(id) ?? []) visit(callee, [...path, id]);
    done.add(id);
  };
  for (const id of functions.keys()) visit(id, []);
  return findings;
}

function callsIn(nodes: OnnxNode[]): string[] {
  return nodes.flatMap((node) => [
    key(node.domain, node.opType),
    ...subgraphsOf(node).flatMap(({ graph }) => callsIn(graph.nodes)),
  ]);
}

function recursion(cycle: string[], functions: Map<string, OnnxFunction>): Finding {
  const name = (id: string) => functions.get(id)?.name ?? id;
  const first = cycle[0] ?? '';
  const path = [...cycle, first].map(name).join(' → ');
  return {
    severity: 'error',
    code: 'FUNCTION_RECURSIVE',
    value: name(first),
    message:
      cycle.length === 1
        ? `The model's function '${name(first)}' calls itself. ONNX functions cannot recurse: ONNX Runtime expands each call in place. Rewrite it without the self-call (a Loop node iterates).`
        : `The model's functions call one another in a cycle (${path}). ONNX functions cannot recurse: ONNX Runtime expands each call in place. Break the cycle (a Loop node iterates).`,
  };
}
