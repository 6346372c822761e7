import { dataTypeInfo, dataTypeName } from '../dataTypes.js';
import { subgraphsOf } from '../graphWalk.js';
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxType } from '../model.js';
import { nodeLabel, type Finding } from './findings.js';
import type { OperatorSchema } from './operatorSchemaTypes.js';
import { operatorSchemas, typeSets } from './operatorSchemas.generated.js';
import { canonicalDomain, domainsWithoutRuntimeKernels } from './runtimeSupport.js';

/** A value's type as ONNX spells it in type constraints (`tensor(float)`); undefined when unknown. */
type TypeScope = (name: string) => string | undefined;

/**
 * Each node against its operator's schema, as ONNX Runtime checks it when it loads a model: the
 * number of inputs and outputs, the attributes' names and types, and the element types the type
 * constraints allow. Types are followed from the graph inputs and initializers through the nodes
 * whose output types the schema fixes; a value whose type is not known this way is not judged.
 */
export function checkSchemas(model: OnnxModel): Finding[] {
  const opsets = new Map(model.opsetImports.map(({ domain, version }) => [canonicalDomain(domain), version]));
  const functions = new Set(model.functions.map((fn) => `${canonicalDomain(fn.domain)}:${fn.name}`));
  const findings: Finding[] = [];
  const visit = (graph: OnnxGraph, outer: TypeScope, scope: string) => {
    const types = new Map<string, string>();
    for (const input of graph.inputs) {
      const type = typeString(input.type);
      if (type) types.set(input.name, type);
    }
    for (const tensor of graph.initializers) {
      const type = tensorType(tensor.dataType);
      if (type) types.set(tensor.name, type);
    }
    const known: TypeScope = (name) => types.get(name) ?? outer(name);
    graph.nodes.forEach((node, index) => {
      const label = nodeLabel(node, index, scope);
      const domain = canonicalDomain(node.domain);
      const version = opsets.get(domain);
      const schema =
        // Operators ONNX Runtime has no kernels for fail to load whatever their use (opsetRules says so).
        version === undefined ||
        functions.has(`${domain}:${node.opType}`) ||
        domainsWithoutRuntimeKernels.has(domain)
          ? undefined
          : schemaFor(domain, node.opType, version);
      if (schema && !schema.deprecated) {
        const where = `Node '${label}' (${node.opType}-${schema.since})`;
        findings.push(
          ...checkArity(node, schema, label, where),
          ...checkAttributes(node, schema, label, where),
        );
        const outputs = checkTypes(node, schema, known, label, where, findings);
        outputs.forEach((type, position) => {
          const name = node.outputs[position];
          if (type && name) types.set(name, type);
        });
      }
      const constant = constantType(node);
      if (constant && node.outputs[0]) types.set(node.outputs[0], constant);
      for (const { attribute, graph: subgraph } of subgraphsOf(node))
        visit(subgraph, known, `${label}/${attribute}/`);
    });
  };
  visit(model.graph, () => undefined, '');
  return findings;
}

/** The version of an operator a model of this opset uses: the newest defined at or before it. */
export function schemaFor(domain: string, opType: string, opset: number): OperatorSchema | undefined {
  const versions = operatorSchemas[domain]?.[opType];
  return versions?.filter((schema) => schema.since <= opset).at(-1);
}

function checkArity(node: OnnxNode, schema: OperatorSchema, label: string, where: string): Finding[] {
  const [minIn, maxIn, minOut, maxOut] = schema.arity;
  const findings: Finding[] = [];
  const count = (kind: 'input' | 'output', given: number, min: number, max: number, names: string[]) => {
    if (given >= min && given <= max) return;
    const takes = min === max ? `${min}` : max === Infinity ? `${min} or more` : `${min} to ${max}`;
    findings.push({
      severity: 'error',
      code: kind === 'input' ? 'NODE_INPUT_COUNT' : 'NODE_OUTPUT_COUNT',
      node: label,
      message: `${where} has ${given} ${kind}${given === 1 ? '' : 's'}, but the operator takes ${takes} (${names.join(', ') || 'none'}). ${given > max ? `Remove the extra ${kind}s` : `Add the missing ${kind}s`}, or export the model again.`,
    });
  };
  count('input', node.inputs.length, minIn, maxIn, schema.inputs.map(parameterName));
  count('output', node.outputs.length, minOut, maxOut, schema.outputs.map(parameterName));
  return findings;
}

function checkAttributes(node: OnnxNode, schema: OperatorSchema, label: string, where: string): Finding[] {
  const findings: Finding[] = [];
  const given = new Set(node.attributes.map((attribute) => attribute.name));
  for (const attribute of node.attributes) {
    // Inside a function, a reference takes the caller's attribute; ONNX reserves names starting with __.
    if (attribute.type === 'REF' || attribute.name.startsWith('__')) continue;
    const declared = schema.attributes[attribute.name];
    if (declared === undefined) {
      const known = Object.keys(schema.attributes);
      findings.push({
        severity: 'error',
        code: 'ATTRIBUTE_UNKNOWN',
        node: label,
        value: attribute.name,
        message: `${where} has the attribute '${attribute.name}', which the operator does not define (${known.length ? `it takes ${known.join(', ')}` : 'it takes none'}). Remove it, or export for the opset that has it.`,
      });
      continue;
    }
    const expected = declared.replace('!', '');
    if (attribute.type !== expected && attribute.type !== 'UNDEFINED') {
      findings.push({
        severity: 'error',
        code: 'ATTRIBUTE_TYPE',
        node: label,
        value: attribute.name,
        message: `${where} gives the attribute '${attribute.name}' as ${attribute.type} (${shown(attribute)}), but the operator takes ${expected}. Store it as ${expected}.`,
      });
    }
  }
  for (const [name, type] of Object.entries(schema.attributes)) {
    if (type.endsWith('!') && !given.has(name)) {
      findings.push({
        severity: 'error',
        code: 'ATTRIBUTE_MISSING',
        node: label,
        value: name,
        message: `${where} lacks the attribute '${name}' (${type.slice(0, -1)}), which the operator requires. Add it.`,
      });
    }
  }
  return findings;
}

function shown(attribute: OnnxAttribute): string {
  const value = attribute.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return JSON.stringify(value);
  return attribute.type.toLowerCase();
}

/**
 * Checks the known input types against the type constraints and binds them; returns each output's
 * type where the schema fixes it or binds it to an input's.
 */
function checkTypes(
  node: OnnxNode,
  schema: OperatorSchema,
  known: TypeScope,
  label: string,
  where: string,
  findings: Finding[],
): (string | undefined)[] {
  const bound = new Map<string, { type: string; input: string }>();
  node.inputs.forEach((input, position) => {
    const type = input ? known(input) : undefined;
    const formal = formalAt(schema.inputs, position);
    if (!type || !formal) return;
    const allowed = allowedTypes(schema, formal.type);
    if (allowed && !allowed.includes(type)) {
      findings.push({
        severity: 'error',
        code: 'INPUT_TYPE',
        node: label,
        value: input,
        message: `${where} reads '${input}' of type ${type} as its input ${formal.name}, which takes ${allowed.join(', ')}. Cast the value to an allowed type first, or export the model with one.`,
      });
      return;
    }
    if (formal.heterogeneous || !(formal.type in schema.types)) return;
    const earlier = bound.get(formal.type);
    if (earlier && earlier.type !== type) {
      findings.push({
        severity: 'error',
        code: 'INPUT_TYPES_DIFFER',
        node: label,
        value: input,
        message: `${where} reads '${earlier.input}' (${earlier.type}) and '${input}' (${type}), but the operator needs both of one type (${formal.type}). Cast one of them so they match.`,
      });
    } else if (!earlier) {
      bound.set(formal.type, { type, input });
    }
  });
  return node.outputs.map((_, position) => {
    const formal = formalAt(schema.outputs, position);
    if (!formal || formal.heterogeneous) return undefined;
    if (formal.type in schema.types) {
      const allowed = typeSets[schema.types[formal.type] ?? -1];
      return bound.get(formal.type)?.type ?? (allowed?.length === 1 ? allowed[0] : undefined);
    }
    return formal.type;
  });
}

interface Formal {
  name: string;
  type: string;
  heterogeneous: boolean;
}

/** The schema parameter an input or output at this position fills: a variadic last one takes the rest. */
function formalAt(parameters: string[], position: number): Formal | undefined {
  const text = parameters[Math.min(position, parameters.length - 1)];
  if (text === undefined) return undefined;
  const [name = '', type = ''] = text.split(': ');
  if (position >= parameters.length && !name.includes('...')) return undefined;
  return { name: parameterName(text), type, heterogeneous: name.endsWith('...~') };
}

function parameterName(text: string): string {
  return (text.split(': ')[0] ?? '').replace(/(\.\.\.~?|\?)$/, '');
}

function allowedTypes(schema: OperatorSchema, type: string): readonly string[] | undefined {
  const index = schema.types[type];
  if (index !== undefined) return typeSets[index];
  // A fixed type (`tensor(int64)`) unless the schema's text names a constraint it did not list.
  return /^[a-z_]+\(/.test(type) ? [type] : undefined;
}

/** Undefined for an element type ONNX does not define (tensorRules reports it). */
function tensorType(elementType: number, kind = 'tensor'): string | undefined {
  return dataTypeInfo(elementType) ? `${kind}(${dataTypeName(elementType).toLowerCase()})` : undefined;
}

/** Maps are left out: ONNX's documents spell their types differently from its checker. */
function typeString(type: OnnxType | null): string | undefined {
  if (!type) return undefined;
  switch (type.kind) {
    case 'tensor':
      return tensorType(type.elementType);
    case 'sparse_tensor':
      return tensorType(type.elementType, 'sparse_tensor');
    case 'sequence': {
      const element = typeString(type.element);
      return element ? `seq(${element})` : undefined;
    }
    case 'optional': {
      const element = typeString(type.element);
      return element ? `optional(${element})` : undefined;
    }
    case 'map':
      return undefined;
  }
}

/** Constant's output type is its value's, which no type constraint binds. */
function constantType(node: OnnxNode): string | undefined {
  if (node.opType !== 'Constant' || canonicalDomain(node.domain) !== 'ai.onnx') return undefined;
  const value = node.attributes.find((attribute) => attribute.name === 'value');
  return value?.type === 'TENSOR' ? tensorType(value.value.dataType) : undefined;
}
