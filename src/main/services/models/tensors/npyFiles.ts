import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { readRegularFile } from '../onnx/index.js';

/** .npy and .npz files on disk, for the CLI and services; the codec itself is shared with the window. */

/** A tensor input file's bytes (.npy, .npz, .json); a pipe or a device is refused, not waited on. */
export function readTensorFile(path: string): Promise<Buffer> {
  return readRegularFile(path, 'a tensor');
}

export async function readNpy(path: string): Promise<TensorValue> {
  return decodeNpy(await readTensorFile(path), basename(path));
}

export async function readNpz(path: string): Promise<Record<string, TensorValue>> {
  return decodeNpz(await readTensorFile(path), basename(path));
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
