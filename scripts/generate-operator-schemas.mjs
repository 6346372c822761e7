// Writes the ONNX operator schemas the static check holds models to (arity, attribute types, type
// constraints, every version of every operator) into
// src/main/services/models/onnx/check/operatorSchemas.generated.ts, from an ONNX source checkout:
//   node scripts/generate-operator-schemas.mjs /path/to/onnx
// It reads docs/Changelog.md and docs/Changelog-ml.md, which ONNX generates from its C++ schemas and
// which list each operator version in a fixed layout. Use the ONNX release whose opsets the shipped
// ONNX Runtime implements (runtimeSupport.ts), and run it again when that moves.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const onnx = process.argv[2];
if (!onnx) {
  console.error('usage: node scripts/generate-operator-schemas.mjs <onnx checkout>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '../src/main/services/models/onnx/check/operatorSchemas.generated.ts');
const version = readFileSync(join(onnx, 'VERSION_NUMBER'), 'utf8').trim();

const attributeTypes = {
  float: 'FLOAT',
  int: 'INT',
  string: 'STRING',
  tensor: 'TENSOR',
  graph: 'GRAPH',
  sparse_tensor: 'SPARSE_TENSOR',
  type_proto: 'TYPE_PROTO',
  'list of floats': 'FLOATS',
  'list of ints': 'INTS',
  'list of strings': 'STRINGS',
  'list of tensors': 'TENSORS',
  'list of graphs': 'GRAPHS',
  'list of sparse_tensors': 'SPARSE_TENSORS',
  'list of type_protos': 'TYPE_PROTOS',
};

const typeSets = [];
const typeSetIndex = new Map();
function typeSet(types) {
  const key = types.join(',');
  if (!typeSetIndex.has(key)) {
    typeSetIndex.set(key, typeSets.length);
    typeSets.push(types);
  }
  return typeSetIndex.get(key);
}

const entries = (section, heading) => {
  const start = section.indexOf(`\n#### ${heading}`);
  if (start < 0) return { header: null, items: [] };
  const header = section.slice(start + 6, section.indexOf('\n', start + 1));
  // An operator without inputs still has the heading, followed by the next one.
  const next = section.indexOf('\n#### ', start + 1);
  const end = next < 0 ? section.length : next;
  const items = [...section.slice(start, end).matchAll(/<dt><tt>([^<]*)<\/tt>(.*)<\/dt>/g)].map(
    ([, name, rest]) => ({ name, rest }),
  );
  return { header, items };
};

/** "Inputs (2 - 3)" or "Inputs (1 - &#8734;)"; without a range every parameter is required. */
function arity(header, count) {
  const range = /\((\d+) - (\d+|&#8734;)\)/.exec(header ?? '');
  if (!range) return [count, count];
  return [Number(range[1]), range[2] === '&#8734;' ? 'Infinity' : Number(range[2])];
}

/** `X (optional, differentiable) : T` → `X?: T`; variadic is `...`, heterogeneous variadic `...~`. */
function parameter({ name, rest }) {
  const [, options = '', type] = /^\s*(?:\(([^)]*)\))?\s*:\s*(.*)$/.exec(rest);
  const marks = options.split(',').map((option) => option.trim());
  const suffix = marks.includes('variadic')
    ? marks.includes('heterogeneous')
      ? '...~'
      : '...'
    : marks.includes('optional')
      ? '?'
      : '';
  return `${name}${suffix}: ${type.trim()}`;
}

/** `tensor(float), map(int64, tensor(float))` → its items: commas inside parentheses do not split. */
function topLevelList(text) {
  const items = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items;
}

function parse(file, domainPrefix) {
  const text = readFileSync(join(onnx, 'docs', file), 'utf8');
  const schemas = {};
  const sections = text.split(/\n### <a name="[^"]*"><\/a>\*\*/).slice(1);
  for (const section of sections) {
    const [, qualified, since] = /^([\w.]+)-(\d+)\*\*/.exec(section);
    const domain = qualified.includes('.') ? qualified.slice(0, qualified.lastIndexOf('.')) : domainPrefix;
    const op = qualified.slice(qualified.lastIndexOf('.') + 1);
    const deprecated = /has been deprecated since version (\d+)/.exec(section);
    const inputs = entries(section, 'Inputs');
    const outputs = entries(section, 'Outputs');
    const attributes = {};
    for (const { name, rest } of entries(section, 'Attributes').items) {
      const [, type, required] = /^\s*:\s*([\w ]+?)\s*(\(required\))?(?:\s*\(default.*)?$/.exec(rest);
      if (!attributeTypes[type]) throw new Error(`${qualified}-${since}: attribute type '${type}'`);
      attributes[name] = `${attributeTypes[type]}${required ? '!' : ''}`;
    }
    const types = {};
    for (const { name, rest } of entries(section, 'Type Constraints').items) {
      types[name] = typeSet([...new Set(topLevelList(rest.replace(/^\s*:\s*/, '')))]);
    }
    const schema = {
      since: Number(since),
      ...(deprecated ? { deprecated: true } : {}),
      inputs: inputs.items.map(parameter),
      outputs: outputs.items.map(parameter),
      arity: [...arity(inputs.header, inputs.items.length), ...arity(outputs.header, outputs.items.length)],
      attributes,
      types,
    };
    ((schemas[domain] ??= {})[op] ??= []).push(schema);
  }
  return schemas;
}

const table = { ...parse('Changelog.md', 'ai.onnx'), ...parse('Changelog-ml.md', 'ai.onnx.ml') };
for (const operators of Object.values(table))
  for (const versions of Object.values(operators)) versions.sort((a, b) => a.since - b.since);

const source = `// Generated from ONNX ${version}'s docs/Changelog.md and docs/Changelog-ml.md
// (SPDX-License-Identifier: Apache-2.0) by scripts/generate-operator-schemas.mjs. Do not edit: run the script.
import type { OperatorSchemaTable } from './operatorSchemaTypes.js';

export const onnxRelease = '${version}';

/** The type lists the schemas' type constraints refer to by index. */
export const typeSets: readonly (readonly string[])[] = ${JSON.stringify(typeSets)};

export const operatorSchemas: OperatorSchemaTable = ${JSON.stringify(table).replaceAll('"Infinity"', 'Infinity')};
`;
const options = await prettier.resolveConfig(target);
writeFileSync(target, await prettier.format(source, { ...options, filepath: target }));
console.log(`wrote ${target}`);
