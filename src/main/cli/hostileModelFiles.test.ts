import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNpy } from '../../shared/tensors/npy.js';
import { DataType } from '../services/models/onnx/dataTypes.js';
import { encodeModel, type DimSpec } from '../services/models/onnx/testModels.js';
import { builtCliSkipReason, spawnMlw } from './testing/spawnMlw.js';

/**
 * Model files that are not what a model command expects, each with the error it must give: pipes,
 * devices, sockets and folders where a file should be (which once hung the command or grew the worker
 * without end), declared sizes no tensor can have, and impossible initializer dims. Through the built
 * CLI, its services and the real model worker; a case that hangs is killed and fails.
 */
const skipReason = builtCliSkipReason();
const HANG_MS = 20_000;
let dir: string;
let workspace: string;
let socketServer: Server | undefined;

const identity = (shape: DimSpec[]) =>
  encodeModel({
    graph: {
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape }],
    },
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-hostile-files-'));
  workspace = join(dir, 'ws');
  execFileSync('mkfifo', [join(dir, 'fifo.onnx')]);
  await mkdir(join(dir, 'zoo'));
  execFileSync('mkfifo', [join(dir, 'zoo', 'piped.onnx')]);
  await writeFile(join(dir, 'zoo', 'fine.onnx'), identity([2]));
  await mkdir(join(dir, 'folder.onnx'));
  socketServer = createServer();
  await new Promise<void>((listening) => socketServer?.listen(join(dir, 'socket.onnx'), listening));
  await writeFile(join(dir, 'huge.onnx'), identity([2 ** 31, 2 ** 31]));
  await writeFile(join(dir, 'int64max.onnx'), identity([2n ** 63n - 1n]));
  await writeFile(
    join(dir, 'negative.onnx'),
    encodeModel({
      graph: {
        nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [2] }],
        outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [2] }],
        initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [-2], float_data: [1, 2] }],
      },
    }),
  );
  await writeFile(
    join(dir, 'x.npy'),
    encodeNpy({ type: 'float32', dims: [2, 2], data: new Float32Array(4) }),
  );
}, 60_000);

afterAll(async () => {
  await new Promise((closed) => (socketServer ? socketServer.close(closed) : closed(undefined)));
  await rm(dir, { recursive: true, force: true });
});

interface Case {
  what: string;
  argv: (at: (name: string) => string) => string[];
  code: string;
  message: RegExp;
}

const out = ['--out', 'outputs'];
const briefBench = ['--runs', '1', '--warmup', '0'];
const pipe = /fifo\.onnx is a named pipe \(FIFO\), not an ONNX model file\./;
const device = /^\/dev\/zero is a character device, not an ONNX model file\./;
const socket = /socket\.onnx is a socket, not an ONNX model file\./;
const folder = /folder\.onnx is a folder, not an ONNX model file\./;
const tooMany =
  /^Input x of .*huge\.onnx \[2147483648, 2147483648\] would hold 4611686018427387904 float32 values/;
const int64Max = /^int64max\.onnx declares input x \[9223372036854775807\]: a dimension past 2\^53 - 1/;

const cases: Case[] = [
  {
    what: 'check a FIFO',
    argv: (at) => ['model', 'check', at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'show a FIFO',
    argv: (at) => ['model', 'show', at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'run a FIFO',
    argv: (at) => ['model', 'run', at('fifo.onnx'), ...out],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'bench a FIFO',
    argv: (at) => ['model', 'bench', at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'shapes of a FIFO',
    argv: (at) => ['model', 'shapes', at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'add a FIFO',
    argv: (at) => ['model', 'add', at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'diff against a FIFO',
    argv: (at) => ['model', 'diff', at('zoo/fine.onnx'), at('fifo.onnx')],
    code: 'INVALID_INPUT',
    message: pipe,
  },
  {
    what: 'run with a FIFO as its input tensor',
    argv: (at) => ['model', 'run', at('zoo/fine.onnx'), '--input', `x=${at('fifo.onnx')}`, ...out],
    code: 'INVALID_INPUT',
    message: /fifo\.onnx is a named pipe \(FIFO\), not a tensor file\./,
  },
  {
    what: 'check /dev/zero',
    argv: () => ['model', 'check', '/dev/zero'],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'show /dev/zero',
    argv: () => ['model', 'show', '/dev/zero'],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'run /dev/zero',
    argv: () => ['model', 'run', '/dev/zero', ...out],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'bench /dev/zero',
    argv: () => ['model', 'bench', '/dev/zero'],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'shapes of /dev/zero',
    argv: () => ['model', 'shapes', '/dev/zero'],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'add /dev/zero',
    argv: () => ['model', 'add', '/dev/zero'],
    code: 'INVALID_INPUT',
    message: device,
  },
  {
    what: 'check a socket',
    argv: (at) => ['model', 'check', at('socket.onnx')],
    code: 'INVALID_INPUT',
    message: socket,
  },
  {
    what: 'run a socket',
    argv: (at) => ['model', 'run', at('socket.onnx'), ...out],
    code: 'INVALID_INPUT',
    message: socket,
  },
  {
    what: 'add a socket',
    argv: (at) => ['model', 'add', at('socket.onnx')],
    code: 'INVALID_INPUT',
    message: socket,
  },
  {
    what: 'show a folder',
    argv: (at) => ['model', 'show', at('folder.onnx')],
    code: 'INVALID_INPUT',
    message: folder,
  },
  {
    what: 'run a folder',
    argv: (at) => ['model', 'run', at('folder.onnx'), ...out],
    code: 'INVALID_INPUT',
    message: folder,
  },
  {
    what: 'bench a folder',
    argv: (at) => ['model', 'bench', at('folder.onnx')],
    code: 'INVALID_INPUT',
    message: folder,
  },
  {
    what: 'add a folder',
    argv: (at) => ['model', 'add', at('folder.onnx')],
    code: 'INVALID_INPUT',
    message: folder,
  },
  {
    what: 'check a folder holding a FIFO',
    argv: (at) => ['model', 'check', at('zoo')],
    code: 'INVALID_INPUT',
    message: /zoo\/piped\.onnx is a named pipe \(FIFO\), not an ONNX model file\./,
  },
  {
    what: 'bench 2^31 x 2^31 dims',
    argv: (at) => ['model', 'bench', at('huge.onnx'), ...briefBench],
    code: 'TENSOR_SHAPE',
    message: tooMany,
  },
  {
    what: 'shapes of 2^31 x 2^31 dims',
    argv: (at) => ['model', 'shapes', at('huge.onnx')],
    code: 'TENSOR_SHAPE',
    message: tooMany,
  },
  {
    what: 'run 2^31 x 2^31 dims on a small input',
    argv: (at) => ['model', 'run', at('huge.onnx'), '--input', `x=${at('x.npy')}`, ...out],
    code: 'TENSOR_SHAPE',
    message: /expected float32 \[2147483648, 2147483648\], got float32 \[2, 2\]/,
  },
  {
    what: 'check a 2^63 - 1 dim',
    argv: (at) => ['model', 'check', at('int64max.onnx')],
    code: 'DIM_TOO_LARGE',
    message:
      /^Input 'x' declares dims \[9223372036854775807\]: 9223372036854775807 is more than any tensor can hold/,
  },
  {
    what: 'bench a 2^63 - 1 dim',
    argv: (at) => ['model', 'bench', at('int64max.onnx'), ...briefBench],
    code: 'MODEL_INVALID',
    message: int64Max,
  },
  {
    what: 'shapes of a 2^63 - 1 dim',
    argv: (at) => ['model', 'shapes', at('int64max.onnx')],
    code: 'MODEL_INVALID',
    message: int64Max,
  },
  {
    what: 'run a 2^63 - 1 dim',
    argv: (at) => ['model', 'run', at('int64max.onnx'), '--input', `x=${at('x.npy')}`, ...out],
    code: 'MODEL_INVALID',
    message: int64Max,
  },
  {
    what: 'add a negative initializer dim',
    argv: (at) => ['model', 'add', at('negative.onnx')],
    code: 'MODEL_INVALID',
    message: /^negative\.onnx cannot be registered: Tensor 'w' has invalid dims \[-2\]/,
  },
];

/** The error a `--json` command printed: its own, or the first error finding of a check. */
function errorOf(stdout: string): { code: string; message: string } | undefined {
  const printed = JSON.parse(stdout) as {
    error?: { code: string; message: string };
    files?: { findings: { severity: string; code: string; message: string }[] }[];
  };
  return printed.error ?? printed.files?.flatMap((file) => file.findings).find((f) => f.severity === 'error');
}

async function mlwJson(argv: string[]) {
  const { child, exit } = spawnMlw(workspace, ['--json', ...argv]);
  const hang = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
  try {
    return await exit;
  } finally {
    clearTimeout(hang);
  }
}

describe.skipIf(skipReason !== undefined)(
  `hostile model files through the built CLI (${skipReason ?? 'out/main/cli.js'})`,
  () => {
    it.each(cases)(
      '$what: $code',
      async ({ argv, code, message }) => {
        const result = await mlwJson(argv((name) => join(dir, name)));
        expect(result.signal, 'killed: the command hung').toBeNull();
        expect(result.code).not.toBe(0);
        expect(result.stderr).not.toMatch(/bug in the workbench|"code": "too_small"/);
        expect(errorOf(result.stdout)).toMatchObject({
          code,
          message: expect.stringMatching(message) as unknown,
        });
      },
      HANG_MS + 5_000,
    );

    it('prints a 2^63 - 1 dim exactly where it shows the model', async () => {
      const shown = await mlwJson(['model', 'show', join(dir, 'int64max.onnx')]);
      expect(shown.stdout).toContain('"9223372036854775807"');
      const table = await spawnMlw(workspace, ['model', 'show', join(dir, 'int64max.onnx')]).exit;
      expect(table.stdout).toContain('x FLOAT [9223372036854775807]');
    });

    it('registers nothing for a refused add', async () => {
      expect(await readdir(join(workspace, 'models')).catch(() => [])).toEqual([]);
    });
  },
);
