import { stat } from 'node:fs/promises';
import type { SessionSettingsInput } from '../../../../shared/contract/models.js';
import { compareTensors } from '../../../../shared/tensors/compareTensors.js';
import { numberToFloat16 } from '../../../../shared/tensors/float16.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { generateInputs, type ModelService } from '../../models/index.js';

export interface CompareOptions {
  seed?: number;
  /** The size of a leading free dimension of the inputs. */
  batch?: number;
  settings?: SessionSettingsInput;
  /** Timed runs per model (after `warmup` untimed ones); 0 skips timing. */
  runs?: number;
  warmup?: number;
  /** Tolerances of the parity check: |converted − original| ≤ atol + rtol·|original|, per element. */
  rtol?: number;
  atol?: number;
}

export interface OutputParity {
  name: string;
  maxAbsError: number;
  /** The largest |original| value, the scale the error is read against. */
  maxAbs: number;
  /** Elements outside the tolerance. */
  outside: number;
  elements: number;
}

export interface Comparison {
  originalBytes: number;
  convertedBytes: number;
  sizeRatio: number;
  outputs: OutputParity[];
  withinTolerance: boolean;
  /** Medians of the timed runs, in ms; null when not timed. */
  originalMedianMs: number | null;
  convertedMedianMs: number | null;
}

/**
 * The proof of a transform: both models run in ONNX Runtime (through the model worker) on the same
 * seeded random inputs, outputs compared element by element; file sizes; median latencies with the
 * same session settings. A float16 input or output of the converted model is fed and read as float16.
 */
export async function compareModels(
  models: ModelService,
  originalPath: string,
  convertedPath: string,
  options: CompareOptions = {},
): Promise<Comparison> {
  const { settings, rtol = 1e-2, atol = 1e-3, runs = 0, warmup = 3 } = options;
  const original = await models.open(originalPath, settings);
  const converted = await models.open(convertedPath, settings);
  const feeds = generateInputs(original.inputs, {
    seed: options.seed ?? 1,
    batch: options.batch,
    model: originalPath,
  });
  const convertedFeeds: Record<string, TensorValue> = {};
  for (const input of converted.inputs) {
    const feed = feeds[input.name];
    if (feed && input.type === 'float16' && feed.type === 'float32') {
      convertedFeeds[input.name] = {
        type: 'float16',
        dims: feed.dims,
        data: Uint16Array.from(feed.data as Float32Array, numberToFloat16),
      };
    } else if (feed) {
      convertedFeeds[input.name] = feed;
    }
  }
  const expected = (await models.run(originalPath, feeds, settings)).outputs;
  const got = (await models.run(convertedPath, convertedFeeds, settings)).outputs;
  const outputs = Object.entries(expected).map(([name, value]) => parity(name, value, got[name], rtol, atol));
  const median = async (path: string, input: Record<string, TensorValue>) =>
    runs > 0 ? medianOf(await models.bench(path, input, settings, { warmup, runs })) : null;
  const [originalBytes, convertedBytes] = await Promise.all([stat(originalPath), stat(convertedPath)]).then(
    (s) => s.map((i) => i.size),
  );
  return {
    originalBytes: originalBytes ?? 0,
    convertedBytes: convertedBytes ?? 0,
    sizeRatio: (convertedBytes ?? 0) / (originalBytes ?? 1),
    outputs,
    withinTolerance: outputs.every((output) => output.outside === 0),
    originalMedianMs: await median(originalPath, feeds),
    convertedMedianMs: await median(convertedPath, convertedFeeds),
  };
}

function parity(
  name: string,
  expected: TensorValue,
  got: TensorValue | undefined,
  rtol: number,
  atol: number,
): OutputParity {
  const { maxAbsError, maxAbs, outside, elements } = compareTensors(expected, got, { rtol, atol });
  return { name, maxAbsError, maxAbs, outside, elements };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
