import type { OnnxGraph, OnnxModel } from '../model.js';
import { subgraphsOf } from '../graphWalk.js';
import type { Finding } from './findings.js';
import { nodeLabel } from './findings.js';
import {
  aiOnnxMlOperators,
  aiOnnxOperators,
  experimentalBeforeOpset10,
  previewTrainingOperators,
  type OperatorSince,
} from './operators.js';
import {
  canonicalDomain,
  domainsWithoutRuntimeKernels,
  onnxDomains,
  onnxRuntime,
  onnxRuntimeDomains,
} from './runtimeSupport.js';

const operatorTables: Record<string, Record<string, OperatorSince>> = {
  'ai.onnx': aiOnnxOperators,
  'ai.onnx.ml': aiOnnxMlOperators,
  'ai.onnx.preview.training': previewTrainingOperators,
};

/** The IR version, the operator sets a model imports, and whether each node's operator exists in them. */
export function checkVersions(model: OnnxModel): Finding[] {
  return [...checkIrVersion(model), ...checkOpsetImports(model), ...checkOperators(model)];
}

function checkIrVersion(model: OnnxModel): Finding[] {
  const { irVersion } = model;
  if (irVersion === null || irVersion <= 0) {
    return [
      {
        severity: 'error',
        code: 'IR_VERSION_MISSING',
        message: 'The model does not say which ONNX IR version it follows (ir_version is missing or 0).',
      },
    ];
  }
  if (irVersion > onnxRuntime.maxIrVersion) {
    return [
      {
        severity: 'error',
        code: 'IR_VERSION_UNSUPPORTED',
        message: `The model uses ONNX IR version ${irVersion}; ${onnxRuntime.name} reads up to ${onnxRuntime.maxIrVersion}. Export it with an older ONNX version.`,
      },
    ];
  }
  return [];
}

function checkOpsetImports(model: OnnxModel): Finding[] {
  const findings: Finding[] = [];
  if (model.opsetImports.length === 0) {
    findings.push({
      severity: 'error',
      code: 'OPSET_MISSING',
      message: 'The model imports no operator set (opset_import is empty), so no operator can be resolved.',
    });
  }
  const seen = new Set<string>();
  const functionDomains = new Set(model.functions.map((fn) => fn.domain));
  for (const { domain: raw, version } of model.opsetImports) {
    const domain = canonicalDomain(raw);
    if (seen.has(domain)) {
      findings.push({
        severity: 'error',
        code: 'OPSET_DUPLICATE',
        message: `The model imports the ${domain} operator set more than once; keep one version.`,
      });
    }
    seen.add(domain);
    const max = onnxRuntime.maxOpset[domain];
    if (max !== undefined && version > max) {
      findings.push({
        severity: 'error',
        code: 'OPSET_UNSUPPORTED',
        message: `The model imports ${domain} opset ${version}; ${onnxRuntime.name} supports up to ${max}. Export it for opset ${max} or lower.`,
      });
    } else if (domain === 'ai.onnx' && version < onnxRuntime.minGuaranteedOpset) {
      findings.push({
        severity: 'warning',
        code: 'OPSET_OLD',
        message: `The model imports ai.onnx opset ${version}; ${onnxRuntime.name} only guarantees opset ${onnxRuntime.minGuaranteedOpset} and later. Convert it to a newer opset if it fails to load.`,
      });
    }
    if (!onnxDomains.has(raw) && !onnxRuntimeDomains.has(raw) && !functionDomains.has(raw)) {
      findings.push({
        severity: 'warning',
        code: 'DOMAIN_CUSTOM',
        message: `The model imports the custom operator domain '${raw}'; its operators run only where their implementation (a custom-op library) is registered.`,
      });
    }
  }
  return findings;
}

interface OperatorUse {
  code: string;
  severity: Finding['severity'];
  domain: string;
  opType: string;
  first: string;
  count: number;
  explain: string;
}

/** One finding per operator and problem, however many nodes use it, naming the first. */
function checkOperators(model: OnnxModel): Finding[] {
  const opsets = new Map(model.opsetImports.map(({ domain, version }) => [canonicalDomain(domain), version]));
  const functions = new Set(model.functions.map((fn) => `${canonicalDomain(fn.domain)}:${fn.name}`));
  const uses = new Map<string, OperatorUse>();
  const note = (use: Omit<OperatorUse, 'count'>) => {
    const key = `${use.code}:${use.domain}:${use.opType}`;
    const known = uses.get(key);
    if (known) known.count++;
    else uses.set(key, { ...use, count: 1 });
  };
  const visit = (graph: OnnxGraph, scope: string) => {
    graph.nodes.forEach((node, index) => {
      const domain = canonicalDomain(node.domain);
      const label = nodeLabel(node, index, scope);
      const problem = operatorProblem(domain, node.opType, opsets.get(domain), functions);
      if (problem) note({ ...problem, domain, opType: node.opType, first: label });
      for (const { attribute, graph: subgraph } of subgraphsOf(node))
        visit(subgraph, `${label}/${attribute}/`);
    });
  };
  visit(model.graph, '');
  return [...uses.values()].map((use) => ({
    severity: use.severity,
    code: use.code,
    node: use.first,
    message: `${use.opType} (${use.domain}${use.count > 1 ? `, ${use.count} nodes, first '${use.first}'` : `, node '${use.first}'`}): ${use.explain}`,
  }));
}

function operatorProblem(
  domain: string,
  opType: string,
  version: number | undefined,
  functions: Set<string>,
): Pick<OperatorUse, 'code' | 'severity' | 'explain'> | null {
  if (version === undefined) {
    return {
      code: 'DOMAIN_NOT_IMPORTED',
      severity: 'error',
      explain: `the model does not import the ${domain} operator set, so the operator cannot be resolved. Add it to opset_import.`,
    };
  }
  if (functions.has(`${domain}:${opType}`)) return null;
  if (domainsWithoutRuntimeKernels.has(domain) && operatorTables[domain]?.[opType] !== undefined) {
    return {
      code: 'OP_NOT_IN_RUNTIME',
      severity: 'warning',
      explain: `a valid ONNX training operator that ${onnxRuntime.name} cannot run (its inference build has no ${domain} kernels).`,
    };
  }
  const table = operatorTables[domain];
  if (!table) return null;
  const entry = table[opType];
  const experimental = domain === 'ai.onnx' && experimentalBeforeOpset10.has(opType) && version < 10;
  if (entry === undefined) {
    if (experimental) return experimentalUse(version);
    return {
      code: 'OP_UNKNOWN',
      severity: 'error',
      explain: `not an operator of ${domain}. Check the spelling and domain, or give the node the domain of the custom operator it is.`,
    };
  }
  const since = typeof entry === 'number' ? entry : entry.since;
  if (version < since) {
    if (experimental) return experimentalUse(version);
    return {
      code: 'OP_NOT_IN_OPSET',
      severity: 'error',
      explain: `first defined in ${domain} opset ${since}, but the model imports opset ${version}. Export it for opset ${since} or later.`,
    };
  }
  if (typeof entry !== 'number' && version >= entry.deprecatedSince) {
    return {
      code: 'OP_DEPRECATED',
      severity: 'error',
      explain: `deprecated since ${domain} opset ${entry.deprecatedSince}, and the model imports opset ${version}; runtimes refuse it. Use ${entry.replacement} instead, or export for an older opset.`,
    };
  }
  return null;
}

function experimentalUse(version: number): Pick<OperatorUse, 'code' | 'severity' | 'explain'> {
  return {
    code: 'OP_EXPERIMENTAL',
    severity: 'warning',
    explain: `an experimental operator that ONNX removed in opset 10; ${onnxRuntime.name} still loads it at opset ${version}, other runtimes may not.`,
  };
}
