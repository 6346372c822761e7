import { encodeNpy, encodeNpz, npyFileName } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { saveFile as save } from '../../../lib/saveFile.js';
import { nestedValues } from './outputValues.js';

export function downloadNpy(name: string, tensor: TensorValue): void {
  save(encodeNpy(tensor) as Uint8Array<ArrayBuffer>, npyFileName(name), 'application/octet-stream');
}

/** Every output in one .npz; np.load gives them back by output name. */
export function downloadNpz(outputs: Record<string, TensorValue>): void {
  save(encodeNpz(outputs) as Uint8Array<ArrayBuffer>, 'outputs.npz', 'application/zip');
}

export function downloadJson(outputs: Record<string, TensorValue>, runMs: number): void {
  const json = {
    runMs,
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([name, t]) => [
        name,
        { type: t.type, dims: t.dims, values: nestedValues(t) },
      ]),
    ),
  };
  save(JSON.stringify(json, null, 2), 'outputs.json', 'application/json');
}
