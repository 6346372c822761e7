import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBuildContext } from './buildContext.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-context-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function unpack(tar: Readable): Promise<Map<string, { content: string; mode: number | undefined }>> {
  const files = new Map<string, { content: string; mode: number | undefined }>();
  const extract = tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
      stream.on('end', () => {
        files.set(header.name, { content: Buffer.concat(chunks).toString('utf8'), mode: header.mode });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  tar.pipe(extract);
  await done;
  return files;
}

describe('build context packing', () => {
  it('packs inline content and source files under their context paths', async () => {
    const source = join(dir, 'model.onnx');
    await writeFile(source, 'pretend model bytes');
    const tar = await packBuildContext([
      { path: 'Dockerfile', content: 'FROM scratch\n' },
      { path: 'server/run.sh', content: new TextEncoder().encode('#!/bin/sh\n'), mode: 0o755 },
      { path: './model/model.onnx', sourceFile: source },
    ]);
    const files = await unpack(tar);
    expect([...files.keys()]).toEqual(['Dockerfile', 'server/run.sh', 'model/model.onnx']);
    expect(files.get('Dockerfile')).toEqual({ content: 'FROM scratch\n', mode: 0o644 });
    expect(files.get('server/run.sh')).toEqual({ content: '#!/bin/sh\n', mode: 0o755 });
    expect(files.get('model/model.onnx')?.content).toBe('pretend model bytes');
  });

  it('refuses paths that leave the context, repeated paths and unreadable source files', async () => {
    for (const path of ['../outside', '/etc/passwd', 'a/../../b', '', '.']) {
      await expect(packBuildContext([{ path, content: 'x' }])).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await expect(
      packBuildContext([
        { path: 'Dockerfile', content: 'a' },
        { path: './Dockerfile', content: 'b' },
      ]),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('twice') as unknown });
    await expect(
      packBuildContext([{ path: 'model.onnx', sourceFile: join(dir, 'missing.onnx') }]),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(packBuildContext([{ path: 'dir', sourceFile: dir }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
