import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../workerHost/index.js';
import { createModelService, type ModelService } from './modelService.js';
import { DataType } from './onnx/dataTypes.js';
import { encodeModel, type ModelSpec, type NodeSpec, type ValueSpec } from './onnx/testModels.js';
import { createModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';

/**
 * Models that `mlw model check` used to pass (none of these finding codes existed) and ONNX Runtime
 * refuses, each through the product's paths:
 * the check as `models.check` runs it (the worker's inspection) and the load as `models.open` and
 * `model add` run it (a session in the worker). Each case names the finding the check must report,
 * and a fragment of the message the user gets from ONNX Runtime's refusal, which must carry none
 * of its C++ (source files, namespaces, signatures, status prefixes).
 */
interface Case {
  kind: string;
  spec: ModelSpec;
  /** The finding `mlw model check` reports, and a fragment of its message. */
  finding: { severity: 'error' | 'warning'; code: string; says: RegExp };
  /** A fragment of the message ONNX Runtime's refusal reaches the user as. */
  refusal: RegExp;
}

const T = DataType;
const float = (name: string, shape = [4]): ValueSpec => ({ name, elemType: T.FLOAT, shape });
const oneNode = (node: NodeSpec, inputs: ValueSpec[], output: ValueSpec, extra = {}): ModelSpec => ({
  graph: { nodes: [node], inputs, outputs: [output], ...extra },
});

const cases: Case[] = [
  {
    kind: 'a node with more inputs than its operator takes',
    spec: oneNode({ op: 'Relu', name: 'relu', inputs: ['x', 'x'], outputs: ['y'] }, [float('x')], float('y')),
    finding: {
      severity: 'error',
      code: 'NODE_INPUT_COUNT',
      says: /'relu' \(Relu-14\) has 2 inputs, but the operator takes 1/,
    },
    refusal: /has a node relu \(Relu-14\) with 2 inputs, but the operator takes 1/,
  },
  {
    kind: 'an attribute of the wrong type',
    spec: oneNode(
      { op: 'LeakyRelu', name: 'leaky', inputs: ['x'], outputs: ['y'], attributes: { alpha: 1 } },
      [float('x')],
      float('y'),
    ),
    finding: {
      severity: 'error',
      code: 'ATTRIBUTE_TYPE',
      says: /'alpha' as INT \(1\), but the operator takes FLOAT/,
    },
    refusal: /Mismatched attribute type in 'leaky : alpha'\. Expected: 'FLOAT', actual: 'INT'/,
  },
  {
    kind: 'an operator on an element type it does not take',
    spec: oneNode(
      { op: 'Sqrt', name: 'root', inputs: ['x'], outputs: ['y'] },
      [{ name: 'x', elemType: T.INT32, shape: [4] }],
      { name: 'y', elemType: T.INT32, shape: [4] },
    ),
    finding: {
      severity: 'error',
      code: 'INPUT_TYPE',
      says: /'x' of type tensor\(int32\) as its input X, which takes/,
    },
    refusal:
      /Type 'tensor\(int32\)' of input parameter \(x\) of operator \(Sqrt\) in node \(root\) is invalid/,
  },
  {
    kind: 'a model-local function that calls itself',
    spec: {
      opset: [
        { domain: '', version: 17 },
        { domain: 'local', version: 1 },
      ],
      graph: {
        nodes: [{ op: 'Loop1', domain: 'local', inputs: ['x'], outputs: ['y'] }],
        inputs: [float('x')],
        outputs: [float('y')],
      },
      functions: [
        {
          domain: 'local',
          name: 'Loop1',
          inputs: ['a'],
          outputs: ['b'],
          nodes: [{ op: 'Loop1', domain: 'local', inputs: ['a'], outputs: ['b'] }],
        },
      ],
    },
    finding: { severity: 'error', code: 'FUNCTION_RECURSIVE', says: /function 'Loop1' calls itself/ },
    refusal: /must not be recursive\. Cycle detected: local:Loop1 -> local:Loop1/,
  },
  {
    kind: 'an empty graph',
    spec: { graph: { nodes: [], inputs: [], outputs: [] } },
    finding: { severity: 'error', code: 'GRAPH_EMPTY', says: /The graph is empty/ },
    refusal: /has an empty graph/,
  },
  {
    kind: 'a huge initializer that stores no data',
    spec: oneNode(
      { op: 'Add', inputs: ['x', 'w'], outputs: ['y'] },
      [float('x', [1])],
      float('y', [1 << 28]),
      {
        initializers: [{ name: 'w', dataType: T.FLOAT, dims: [1 << 28] }],
      },
    ),
    finding: {
      severity: 'error',
      code: 'TENSOR_DATA_MISSING',
      says: /'w' \(FLOAT \[268435456\]\) .* stores no data/,
    },
    refusal: /Initializer 'w': data field count \(0\) does not match expected count from shape \(268435456\)/,
  },
  {
    kind: 'an external-data offset below zero',
    spec: oneNode({ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }, [float('x')], float('y'), {
      initializers: [
        { name: 'w', dataType: T.FLOAT, dims: [4], external: { location: 'w.bin', offset: -16 } },
      ],
    }),
    finding: { severity: 'error', code: 'EXTERNAL_DATA_RANGE', says: /start at offset -16 of 'w\.bin'/ },
    refusal: /External initializer: w offset: -16 .* out of bounds/,
  },
  {
    // A locale no machine has, so ONNX Runtime refuses it everywhere; for a real one the check can
    // only warn (see the test of the default locale below).
    kind: 'a StringNormalizer changing case in a locale the machine lacks',
    spec: oneNode(
      {
        op: 'StringNormalizer',
        name: 'upper',
        inputs: ['x'],
        outputs: ['y'],
        attributes: { case_change_action: 'UPPER', locale: 'qq_QQ.UTF-8' },
      },
      [{ name: 'x', elemType: T.STRING, shape: [2] }],
      { name: 'y', elemType: T.STRING, shape: [2] },
    ),
    finding: { severity: 'warning', code: 'LOCALE_REQUIRED', says: /in the locale 'qq_QQ\.UTF-8'/ },
    refusal: /locale qq_QQ\.UTF-8, which this machine does not have installed/,
  },
];

/** What of ONNX Runtime's C++ must not reach the user. */
const cxx = /::|\.(?:cc|cpp|h):\d|onnxruntime_src|\[ONNXRuntimeError\]|was false\.|Status Message/;

let dir: string;
let entry: string;
let models: ModelService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-checker-runtime-'));
  await writeFile(join(dir, 'w.bin'), new Uint8Array(64));
  entry = await buildModelWorker();
  models = createModelService({ host: createModelHost({ spawn: forkWorker(entry) }), maxSessions: 1 });
});
afterAll(async () => {
  await models.dispose();
  await rm(entry, { force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('the check and ONNX Runtime agree', () => {
  const write = async (name: string, spec: ModelSpec) => {
    const path = join(dir, name);
    await writeFile(path, encodeModel(spec));
    return path;
  };

  it.each(cases)('$kind: the check finds it, ONNX Runtime refuses it in plain words', async (c) => {
    const path = await write(`${c.finding.code.toLowerCase()}.onnx`, c.spec);
    const { findings } = await models.inspect(path);
    const found = findings.find((f) => f.code === c.finding.code);
    expect(found?.severity).toBe(c.finding.severity);
    expect(found?.message).toMatch(c.finding.says);
    const refusal = await models.tryLoad(path);
    expect(refusal?.code).toBe('MODEL_INVALID');
    expect(refusal?.message).toMatch(c.refusal);
    expect(`${refusal?.message} ${refusal?.hint}`).not.toMatch(cxx);
  });

  it('warns of the default locale, which ONNX Runtime refuses only where it is not installed', async () => {
    // Without a locale attribute ONNX Runtime uses en_US.UTF-8: most desktops have it, many
    // containers do not. Either verdict is right here; a refusal must name the locale.
    const path = await write('default-locale.onnx', {
      graph: {
        nodes: [
          {
            op: 'StringNormalizer',
            inputs: ['x'],
            outputs: ['y'],
            attributes: { case_change_action: 'LOWER' },
          },
        ],
        inputs: [{ name: 'x', elemType: T.STRING, shape: [2] }],
        outputs: [{ name: 'y', elemType: T.STRING, shape: [2] }],
      },
    });
    const { findings } = await models.inspect(path);
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.value}`)).toEqual([
      'warning LOCALE_REQUIRED en_US.UTF-8',
    ]);
    const refusal = await models.tryLoad(path);
    if (refusal) {
      expect(refusal.message).toMatch(/locale en_US\.UTF-8, which this machine does not have installed/);
      expect(`${refusal.message} ${refusal.hint}`).not.toMatch(cxx);
    }
  });
});
