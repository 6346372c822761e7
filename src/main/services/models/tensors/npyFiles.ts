import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';

/** .npy and .npz files on disk, for the CLI and services; the codec itself is shared with the window. */
async function readBytes(path: string): Promise<Uint8Array> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new WorkbenchError({
      code: 'NOT_FOUND',
      message: `Cannot read ${basename(path)}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
      details: { path },
    });
  });
}

export async function readNpy(path: string): Promise<TensorValue> {
  return decodeNpy(await readBytes(path), basename(path));
}

export async function readNpz(path: string): Promise<Record<string, TensorValue>> {
  return decodeNpz(await readBytes(path), basename(path));
}

export async function writeNpy(path: string, tensor: TensorValue): Promise<void> {
  await writeFile(path, encodeNpy(tensor));
}

export async function writeNpz(
  path: string,
  tensors: Record<string, TensorValue>,
  options: { compress?: boolean } = {},
): Promise<void> {
  await writeFile(path, encodeNpz(tensors, options));
}
