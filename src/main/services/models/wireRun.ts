import type { SessionSettingsInput, WireTensorJson } from '../../../shared/contract/models.js';
import { decodeTensor, encodeTensor } from '../../../shared/tensors/base64Tensor.js';
import type { TensorValue } from '../../../shared/tensors/tensors.js';
import type { ModelService } from './modelService.js';

/** A run whose tensors arrive and leave in the contract's JSON form (base64 bytes). */
export async function runWireTensors(
  models: ModelService,
  path: string,
  feeds: Record<string, WireTensorJson>,
  settings?: SessionSettingsInput,
): Promise<{ outputs: Record<string, WireTensorJson>; runMs: number }> {
  const decoded = Object.fromEntries(
    Object.entries(feeds).map(([name, tensor]) => [name, decodeTensor(tensor)]),
  );
  const { outputs, runMs } = await models.run(path, decoded, settings);
  return { outputs: encodeTensors(outputs), runMs };
}

export function encodeTensors(tensors: Record<string, TensorValue>): Record<string, WireTensorJson> {
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, encodeTensor(tensor)]));
}
