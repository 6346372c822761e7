import { basename } from 'node:path';
import { decodeNpy } from '../../../../shared/tensors/npy.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { generateInputs, readRegularFile, type ModelService } from '../../models/index.js';
import type { ParitySet } from '../python/index.js';
import type { ResolvedConversion } from './conversionService.js';

const WARMUP = 3;

/**
 * Median latency of the converted model in ONNX Runtime on the first parity set's inputs, and of an
 * ONNX source on the same-shaped float32 inputs (a Python source is timed in its framework by the
 * converter script itself).
 */
export async function latencyOf(
  models: ModelService,
  convertedPath: string,
  resolved: ResolvedConversion,
  firstSet: ParitySet | undefined,
  runs: number,
  signal: AbortSignal,
): Promise<{ sourceMs: number | null; convertedMs: number | null; batch: number }> {
  const batch = firstSet?.batch ?? 1;
  if (runs === 0 || !firstSet) return { sourceMs: null, convertedMs: null, batch };
  const feeds: Record<string, TensorValue> = {};
  for (const [name, path] of Object.entries(firstSet.inputs))
    feeds[name] = decodeNpy(await readRegularFile(path, 'a parity tensor'), basename(path));
  const convertedMs = median(
    await models.bench(convertedPath, feeds, undefined, { warmup: WARMUP, runs }, signal),
  );
  if (resolved.request.from !== 'onnx') return { sourceMs: null, convertedMs, batch };
  const source = await models.open(resolved.sourcePath, undefined, signal);
  const sourceFeeds = generateInputs(source.inputs, {
    seed: resolved.request.seed,
    batch,
    model: 'the source model',
  });
  const sourceMs = median(
    await models.bench(resolved.sourcePath, sourceFeeds, undefined, { warmup: WARMUP, runs }, signal),
  );
  return { sourceMs, convertedMs, batch };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
