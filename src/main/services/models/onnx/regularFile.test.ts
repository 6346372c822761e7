import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegularFile, regularFileFacts } from './regularFile.js';

let dir: string;
let server: Server;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-regular-file-'));
  execFileSync('mkfifo', [join(dir, 'pipe.onnx')]);
  await mkdir(join(dir, 'folder.onnx'));
  await writeFile(join(dir, 'model.onnx'), 'twelve bytes');
  server = createServer();
  await new Promise<void>((listening) => server.listen(join(dir, 'socket.onnx'), listening));
});
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('opening only regular files', () => {
  it('reads a regular file and gives its facts', async () => {
    expect((await readRegularFile(join(dir, 'model.onnx'), 'an ONNX model')).toString()).toBe('twelve bytes');
    expect(await regularFileFacts(join(dir, 'model.onnx'), 'an ONNX model')).toMatchObject({ size: 12 });
  });

  it.each([
    ['pipe.onnx', 'a named pipe (FIFO)'],
    ['socket.onnx', 'a socket'],
    ['folder.onnx', 'a folder'],
  ])('refuses %s at once as %s, naming the path', async (name, kind) => {
    const path = join(dir, name);
    await expect(readRegularFile(path, 'an ONNX model')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `${path} is ${kind}, not an ONNX model file.`,
      hint: expect.any(String) as unknown,
      details: { path },
    });
  });

  it('refuses a device that never ends instead of reading it', async () => {
    await expect(readRegularFile('/dev/zero', 'a tensor')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '/dev/zero is a character device, not a tensor file.',
    });
  });

  it('refuses a file past the limit before reading it', async () => {
    const tooLarge = { maxBytes: 4, error: (size: number) => new Error(`${size} bytes`) };
    await expect(readRegularFile(join(dir, 'model.onnx'), 'a model', { tooLarge })).rejects.toThrow(
      '12 bytes',
    );
  });

  it('says NOT_FOUND for a missing file', async () => {
    await expect(regularFileFacts(join(dir, 'missing.onnx'), 'an ONNX model')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Cannot read missing.onnx: no such file.',
    });
  });
});
