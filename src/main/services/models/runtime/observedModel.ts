import { open, stat } from 'node:fs/promises';
import { outputsSuffix } from '../onnx/index.js';

/**
 * The model's bytes with `names` added as graph outputs, in one buffer: the file is read straight
 * into a buffer sized for it and the suffix (see outputsSuffix), so its weights are held once.
 */
export async function readWithOutputs(path: string, names: readonly string[]): Promise<Buffer> {
  const suffix = outputsSuffix(names);
  const { size } = await stat(path);
  const bytes = Buffer.allocUnsafe(size + suffix.length);
  const file = await open(path, 'r');
  try {
    let read = 0;
    while (read < size) {
      const { bytesRead } = await file.read(bytes, read, size - read, read);
      if (bytesRead === 0) throw new Error(`${path} became shorter while it was read.`);
      read += bytesRead;
    }
  } finally {
    await file.close();
  }
  bytes.set(suffix, size);
  return bytes;
}
