import { openRegularFile, outputsSuffix } from '../onnx/index.js';

/**
 * The model's bytes with `names` added as graph outputs, in one buffer: the file is read straight
 * into a buffer sized for it and the suffix (see outputsSuffix), so its weights are held once.
 */
export async function readWithOutputs(path: string, names: readonly string[]): Promise<Buffer> {
  const suffix = outputsSuffix(names);
  const { handle, size } = await openRegularFile(path, 'an ONNX model');
  const bytes = Buffer.allocUnsafe(size + suffix.length);
  try {
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) throw new Error(`${path} became shorter while it was read.`);
      read += bytesRead;
    }
  } finally {
    await handle.close();
  }
  bytes.set(suffix, size);
  return bytes;
}
