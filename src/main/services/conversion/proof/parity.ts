import { basename } from 'node:path';
import {
  parityToleranceSchema,
  type OutputParity,
  type ParityReport,
  type ParityTolerance,
  type SetParity,
} from '../../../../shared/contract/conversionParity.js';
import type { SessionSettingsInput } from '../../../../shared/contract/models.js';
import { compareTensors } from '../../../../shared/tensors/compareTensors.js';
import { decodeNpy } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { readRegularFile, type ModelService } from '../../models/index.js';
import type { ParitySet } from '../python/index.js';

/**
 * The proof of a conversion: the ONNX model run in ONNX Runtime (through the model worker) on each
 * set's inputs, every output the source framework gave compared with the model's. A set passes when
 * no float is outside the tolerance and every label output agrees at least `minLabelAgreement`.
 */
export async function checkParity(
  models: ModelService,
  onnxPath: string,
  sets: ParitySet[],
  tolerance: Partial<ParityTolerance> = {},
  settings?: SessionSettingsInput,
): Promise<ParityReport> {
  const limits = parityToleranceSchema.parse(tolerance);
  const results: SetParity[] = [];
  for (const set of sets) results.push(await checkSet(models, onnxPath, set, limits, settings));
  return { tolerance: limits, sets: results, pass: results.every((set) => set.pass) };
}

async function checkSet(
  models: ModelService,
  onnxPath: string,
  set: ParitySet,
  limits: ParityTolerance,
  settings: SessionSettingsInput | undefined,
): Promise<SetParity> {
  const feeds = await readAll(set.inputs);
  const expected = await readAll(set.outputs);
  const got = (await models.run(onnxPath, feeds, settings)).outputs;
  const outputs: OutputParity[] = Object.entries(expected).map(([name, want]) => {
    const { elements, maxAbsError, maxRelError, outside, labelAgreement } = compareTensors(
      want,
      got[name],
      limits,
    );
    return { name, elements, maxAbsError, maxRelError, outside, labelAgreement };
  });
  const pass = outputs.every((output) =>
    output.labelAgreement === null ? output.outside === 0 : output.labelAgreement >= limits.minLabelAgreement,
  );
  return { label: set.label, batch: set.batch, outputs, pass };
}

async function readAll(paths: Record<string, string>): Promise<Record<string, TensorValue>> {
  const entries = await Promise.all(
    Object.entries(paths).map(
      async ([name, path]) =>
        [name, decodeNpy(await readRegularFile(path, 'a parity tensor'), basename(path))] as const,
    ),
  );
  return Object.fromEntries(entries);
}
