/**
 * For the server's tests: small real ONNX models, and a server on 127.0.0.1 (port 0) serving one of
 * them with its log lines kept. Imported by *.test.ts only, so src/main never reaches the bundle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType } from '../../../src/main/services/models/onnx/dataTypes.js';
import { writeModel, type ModelSpec } from '../../../src/main/services/models/onnx/testModels.js';
import { readConfig } from './config.js';
import { createLogger } from './log.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

const floats = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

/**
 * x: float32 [batch, 3] and n: int64 [batch, 1] in; y = x + bias [batch, 3], z = x · W [batch, 2]
 * and m = n · 3 (int64) out.
 */
export const addMatMulModel: ModelSpec = {
  graph: {
    nodes: [
      { op: 'Add', inputs: ['x', 'bias'], outputs: ['y'] },
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['z'] },
      { op: 'Mul', inputs: ['n', 'three'], outputs: ['m'] },
    ],
    inputs: [
      { name: 'x', elemType: DataType.FLOAT, shape: ['batch', 3] },
      { name: 'n', elemType: DataType.INT64, shape: ['batch', 1] },
    ],
    outputs: [
      { name: 'y', elemType: DataType.FLOAT, shape: ['batch', 3] },
      { name: 'z', elemType: DataType.FLOAT, shape: ['batch', 2] },
      { name: 'm', elemType: DataType.INT64, shape: ['batch', 1] },
    ],
    initializers: [
      { name: 'bias', dataType: DataType.FLOAT, dims: [3], raw_data: floats([0.5, -1, 2.25]) },
      { name: 'W', dataType: DataType.FLOAT, dims: [3, 2], raw_data: floats([1, 0.1, -2, 0.2, 3, 0.3]) },
      { name: 'three', dataType: DataType.INT64, dims: [1], int64_data: [3] },
    ],
  },
};

/** x: float32 [1, 4] in (a batch dim fixed at 1), y = Relu(x) out. */
export const fixedBatchModel: ModelSpec = {
  graph: {
    nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 4] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [1, 4] }],
  },
};

/** x: float32 [batch, len] in, a row of any length; y = Identity(x) out. */
export const symbolicRowModel: ModelSpec = {
  graph: {
    nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
    inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', 'len'] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: ['batch', 'len'] }],
  },
};

/** bool, float16 and string in ([batch, 2], [batch, 2], [batch]); Not, Identity, Identity out. */
export const typesModel: ModelSpec = {
  graph: {
    nodes: [
      { op: 'Not', inputs: ['b'], outputs: ['not_b'] },
      { op: 'Identity', inputs: ['h'], outputs: ['h_out'] },
      { op: 'Identity', inputs: ['s'], outputs: ['s_out'] },
    ],
    inputs: [
      { name: 'b', elemType: DataType.BOOL, shape: ['batch', 2] },
      { name: 'h', elemType: DataType.FLOAT16, shape: ['batch', 2] },
      { name: 's', elemType: DataType.STRING, shape: ['batch'] },
    ],
    outputs: [
      { name: 'not_b', elemType: DataType.BOOL, shape: ['batch', 2] },
      { name: 'h_out', elemType: DataType.FLOAT16, shape: ['batch', 2] },
      { name: 's_out', elemType: DataType.STRING, shape: ['batch'] },
    ],
  },
};

/** idx: int64 [batch] picks from a 3-element table: an index past 2 makes ONNX Runtime's Gather fail. */
export const gatherModel: ModelSpec = {
  graph: {
    nodes: [{ op: 'Gather', inputs: ['table', 'idx'], outputs: ['picked'], name: 'pick' }],
    inputs: [{ name: 'idx', elemType: DataType.INT64, shape: ['batch'] }],
    outputs: [{ name: 'picked', elemType: DataType.FLOAT, shape: ['batch'] }],
    initializers: [{ name: 'table', dataType: DataType.FLOAT, dims: [3], raw_data: floats([10, 20, 30]) }],
  },
};

export interface TestServer {
  server: RunningServer;
  url: string;
  dir: string;
  modelPath: string;
  logs: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mlw-serving-'));
}

/** Writes `spec` as model.onnx in a new folder and serves it, waiting until it is ready. */
export async function startTestServer(
  spec: ModelSpec,
  env: Record<string, string> = {},
  options: { load?: ServerOptions['load']; waitForReady?: boolean } = {},
): Promise<TestServer> {
  const dir = await makeTempDir();
  const modelPath = await writeModel(dir, 'model.onnx', spec);
  const config = readConfig({ MODEL_PATH: modelPath, PORT: '0', HOST: '127.0.0.1', ...env });
  const logs: string[] = [];
  const server = await startServer(config, {
    logger: createLogger(config.logLevel, (line) => logs.push(line)),
    ...(options.load ? { load: options.load } : {}),
  });
  if (options.waitForReady !== false) await server.ready;
  return {
    server,
    url: server.url,
    dir,
    modelPath,
    logs,
    post: (path, body, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await server.shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
