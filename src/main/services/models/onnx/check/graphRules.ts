import { subgraphsOf } from '../graphWalk.js';
import type { OnnxGraph, OnnxModel, OnnxNode } from '../model.js';
import { nodeLabel, type Finding } from './findings.js';

type Scope = (name: string) => boolean;

/**
 * The graph's wiring, as onnx.checker sees it: every value is written once (SSA), every node input and
 * graph output is produced by something, and the nodes can be ordered. Subgraphs (If, Loop, Scan) see
 * the values of every graph around them.
 */
export function checkGraphs(model: OnnxModel): Finding[] {
  const findings: Finding[] = [...checkHasOutputs(model.graph)];
  checkGraph(model.graph, () => false, '', findings);
  if ((model.irVersion ?? 0) > 0 && (model.irVersion ?? 0) < 4)
    checkInitializersAreInputs(model.graph, findings);
  return findings;
}

function checkGraph(graph: OnnxGraph, outer: Scope, scope: string, findings: Finding[]): void {
  const where = scope ? ` in subgraph ${scope.slice(0, -1)}` : '';
  const inputs = new Set<string>();
  for (const { name } of graph.inputs) {
    if (inputs.has(name)) {
      findings.push({
        severity: 'error',
        code: 'DUPLICATE_INPUT',
        value: name,
        message: `The graph input '${name}'${where} is declared twice; rename one.`,
      });
    }
    inputs.add(name);
  }
  const initializers = new Set<string>();
  const initializerNames = [
    ...graph.initializers.map((tensor) => tensor.name),
    ...graph.sparseInitializers.flatMap((sparse) => (sparse.values ? [sparse.values.name] : [])),
  ];
  for (const name of initializerNames) {
    if (initializers.has(name)) {
      findings.push({
        severity: 'error',
        code: 'DUPLICATE_INITIALIZER',
        value: name,
        message: `The initializer '${name}'${where} is stored twice; keep one.`,
      });
    }
    initializers.add(name);
  }
  const producers = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    for (const output of node.outputs) {
      if (!output) continue;
      const earlier = producers.get(output);
      const already =
        earlier !== undefined
          ? `node '${nodeLabel(graph.nodes[earlier] as OnnxNode, earlier, scope)}' also writes it`
          : inputs.has(output)
            ? 'it is also a graph input'
            : initializers.has(output)
              ? 'it is also an initializer'
              : null;
      if (already) {
        findings.push({
          severity: 'error',
          code: 'DUPLICATE_OUTPUT',
          node: nodeLabel(node, index, scope),
          value: output,
          message: `Node '${nodeLabel(node, index, scope)}' (${node.opType}) writes '${output}', but ${already}: every value must be written once. Rename one of them.`,
        });
      } else {
        producers.set(output, index);
      }
    }
  });
  const visible: Scope = (name) =>
    inputs.has(name) || initializers.has(name) || producers.has(name) || outer(name);

  graph.nodes.forEach((node, index) => {
    for (const input of node.inputs) {
      // An empty name is an omitted optional input.
      if (input && !visible(input)) {
        findings.push({
          severity: 'error',
          code: 'DANGLING_INPUT',
          node: nodeLabel(node, index, scope),
          value: input,
          message: `Node '${nodeLabel(node, index, scope)}' (${node.opType}) reads '${input}', which no graph input, initializer or node${where} produces. Add the missing input or initializer, or fix the name.`,
        });
      }
    }
  });
  for (const { name } of graph.outputs) {
    if (!visible(name)) {
      findings.push({
        severity: 'error',
        code: 'OUTPUT_NOT_PRODUCED',
        value: name,
        message: `The graph output '${name}'${where} is produced by no node, input or initializer. Remove it or connect the node that should write it.`,
      });
    }
  }
  checkOrder(graph, producers, scope, findings);
  graph.nodes.forEach((node, index) => {
    const label = nodeLabel(node, index, scope);
    for (const { attribute, graph: subgraph } of subgraphsOf(node)) {
      checkGraph(subgraph, visible, `${label}/${attribute}/`, findings);
    }
  });
}

/**
 * ONNX requires nodes in topological order; ONNX Runtime sorts them itself, so an unsorted but acyclic
 * graph is a warning. A cycle is an error, reported with the nodes on it.
 */
function checkOrder(
  graph: OnnxGraph,
  producers: Map<string, number>,
  scope: string,
  findings: Finding[],
): void {
  const dependencies = graph.nodes.map((node) => {
    const names = [
      ...node.inputs,
      ...subgraphsOf(node).flatMap(({ graph: subgraph }) => namesReadIn(subgraph)),
    ];
    return [...new Set(names.map((name) => producers.get(name)).filter((index) => index !== undefined))];
  });
  const label = (index: number) => nodeLabel(graph.nodes[index] as OnnxNode, index, scope);
  const cycle = findCycle(dependencies);
  if (cycle) {
    findings.push({
      severity: 'error',
      code: 'CYCLE',
      node: label(cycle[0] ?? 0),
      message: `The nodes form a cycle: ${[...cycle, cycle[0] ?? 0].map((index) => `'${label(index)}'`).join(' → ')}. A graph must be acyclic; break the loop (use a Loop node for iteration).`,
    });
    return;
  }
  const late = dependencies.findIndex((deps, index) => deps.some((dep) => dep > index));
  if (late >= 0) {
    const producer = Math.max(...(dependencies[late] ?? []));
    findings.push({
      severity: 'warning',
      code: 'NOT_TOPOLOGICALLY_SORTED',
      node: label(late),
      message: `Node '${label(late)}' comes before node '${label(producer)}', whose output it reads. ONNX requires nodes in topological order; ONNX Runtime sorts them itself, other tools may not.`,
    });
  }
}

/** Every value name a graph's nodes read, nested subgraphs included: what a subgraph may take from outside. */
function namesReadIn(graph: OnnxGraph): string[] {
  return graph.nodes.flatMap((node) => [
    ...node.inputs,
    ...subgraphsOf(node).flatMap(({ graph: subgraph }) => namesReadIn(subgraph)),
  ]);
}

/** A cycle in the dependency graph as node indices, or null: depth-first search with colours. */
function findCycle(dependencies: number[][]): number[] | null {
  const state = new Uint8Array(dependencies.length); // 0 new, 1 on the current path, 2 done
  const path: number[] = [];
  for (let start = 0; start < dependencies.length; start++) {
    if (state[start]) continue;
    // An explicit stack: real graphs are deeper than the call stack allows.
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    path.push(start);
    while (stack.length) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const deps = dependencies[top.node] ?? [];
      if (top.next < deps.length) {
        const dep = deps[top.next++] as number;
        if (state[dep] === 1) return path.slice(path.indexOf(dep)).reverse();
        if (state[dep] === 0) {
          state[dep] = 1;
          path.push(dep);
          stack.push({ node: dep, next: 0 });
        }
      } else {
        state[top.node] = 2;
        path.pop();
        stack.pop();
      }
    }
  }
  return null;
}

/**
 * A graph with no outputs computes nothing anyone can read. Without nodes either, ONNX Runtime
 * refuses it outright (it has no values to plan); with nodes it loads, and runs to no result.
 */
function checkHasOutputs(graph: OnnxGraph): Finding[] {
  if (graph.outputs.length > 0) return [];
  if (graph.nodes.length === 0) {
    return [
      {
        severity: 'error',
        code: 'GRAPH_EMPTY',
        message: `The graph is empty: it has no nodes and no outputs${graph.inputs.length ? ` (only ${graph.inputs.length} input${graph.inputs.length === 1 ? '' : 's'})` : ''}, so there is nothing to run. The export lost the model: export it again.`,
      },
    ];
  }
  return [
    {
      severity: 'warning',
      code: 'GRAPH_NO_OUTPUTS',
      message: `The graph declares no outputs, so its ${graph.nodes.length} node${graph.nodes.length === 1 ? ' computes' : 's compute'} nothing a caller can read. List the values it should return as graph outputs.`,
    },
  ];
}

/** Before IR version 4 every initializer also had to be declared as a graph input. */
function checkInitializersAreInputs(graph: OnnxGraph, findings: Finding[]): void {
  const inputs = new Set(graph.inputs.map((input) => input.name));
  for (const { name } of graph.initializers) {
    if (!inputs.has(name)) {
      findings.push({
        severity: 'error',
        code: 'INITIALIZER_NOT_INPUT',
        value: name,
        message: `The initializer '${name}' is not listed as a graph input, which IR versions before 4 require. Add it to the inputs or raise ir_version.`,
      });
    }
  }
}
