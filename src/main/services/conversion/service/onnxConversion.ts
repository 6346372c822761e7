import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversionRequest } from '../../../../shared/contract/conversion.js';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { numberToFloat16 } from '../../../../shared/tensors/float16.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import type { JobContext } from '../../jobs/index.js';
import { generateInputs, writeNpy, type ModelService } from '../../models/index.js';
import type { ParitySet } from '../python/index.js';
import {
  opsetReport,
  readModelForTransform,
  transformModelFile,
  type TransformResult,
} from '../transform/index.js';

export type OnnxRequest = Extract<ConversionRequest, { from: 'onnx' }>;

export interface OnnxConverted {
  transform: TransformResult;
  paritySets: ParitySet[];
  opset: Record<string, number>;
  inputs: ValueInfo[];
  outputs: string[];
  warnings: string[];
  converterMs: number;
}

/**
 * Applies the transform in TypeScript, then writes the proof's inputs the way a Python converter
 * does: the source model run in ONNX Runtime on seeded random inputs (and at a second batch size
 * when its batch is free), saved as parity sets the converted model is checked against.
 */
export async function convertOnnx(
  models: ModelService,
  request: OnnxRequest,
  sourcePath: string,
  stage: string,
  ctx: JobContext,
): Promise<OnnxConverted> {
  ctx.progress(0.05, `Converting to ${request.transform.to}`);
  const started = performance.now();
  const out = join(stage, 'model.onnx');
  const transform = await transformModelFile(sourcePath, out, request.transform, ctx.signal);
  const converterMs = performance.now() - started;
  ctx.log(transformSummary(transform));
  const opset = Object.fromEntries(
    opsetReport(await readModelForTransform(out, ctx.signal)).opsetImports.map((entry) => [
      entry.domain,
      entry.version,
    ]),
  );
  ctx.progress(0.4, 'Running the source model for the parity test');
  const source = await models.open(sourcePath, undefined, ctx.signal);
  const converted = await models.open(out, undefined, ctx.signal);
  const batches = hasFreeBatch(source.inputs) ? [1, request.parityBatch ?? 7] : [1];
  const paritySets: ParitySet[] = [];
  for (const batch of batches) {
    const feeds = generateInputs(source.inputs, { seed: request.seed, batch, model: 'the source model' });
    const expected = (await models.run(sourcePath, feeds, undefined, ctx.signal)).outputs;
    const label = batches.length > 1 ? `batch-${batch}` : 'random';
    const folder = join(stage, 'parity', label);
    await mkdir(folder, { recursive: true });
    const set: ParitySet = { label, batch, inputs: {}, outputs: {} };
    for (const [index, input] of converted.inputs.entries()) {
      const feed = feeds[input.name];
      if (!feed) continue;
      set.inputs[input.name] = join(folder, `input-${index}.npy`);
      await writeNpy(join(folder, `input-${index}.npy`), asInputType(feed, input));
    }
    for (const [index, [name, value]] of Object.entries(expected).entries()) {
      set.outputs[name] = join(folder, `output-${index}.npy`);
      await writeNpy(set.outputs[name], value);
    }
    paritySets.push(set);
  }
  return {
    transform,
    paritySets,
    opset,
    inputs: converted.inputs,
    outputs: converted.outputs.map((output) => output.name),
    warnings: transformWarnings(transform),
    converterMs,
  };
}

function hasFreeBatch(inputs: readonly ValueInfo[]): boolean {
  return inputs.some(
    (input) => input.shape !== null && input.shape.length > 0 && typeof input.shape[0] !== 'number',
  );
}

/** A float32 feed for an input the float16 model takes as float16 (I/O types not kept). */
function asInputType(feed: TensorValue, input: ValueInfo): TensorValue {
  if (input.type === 'float16' && feed.type === 'float32')
    return {
      type: 'float16',
      dims: feed.dims,
      data: Uint16Array.from(feed.data as Float32Array, numberToFloat16),
    };
  return feed;
}

function transformSummary(transform: TransformResult): string {
  if (transform.to === 'float16')
    return `float16: ${transform.report.convertedInitializers} initializers and ${transform.report.convertedConstants} constants converted, ${transform.report.keptFloat32.length} nodes kept in float32, ${transform.report.castsInserted} casts inserted`;
  if (transform.to === 'int8')
    return `int8: ${transform.report.quantized.length} weights quantized, ${transform.report.skipped.length} nodes skipped`;
  return 'metadata edited';
}

function transformWarnings(transform: TransformResult): string[] {
  if (transform.to === 'int8' && transform.report.quantized.length === 0)
    return [
      `Nothing was quantized: ${transform.report.skipped.map((skip) => `${skip.node} (${skip.reason})`).join('; ') || 'the model has no MatMul or Gemm with a constant weight'}.`,
    ];
  if (transform.to === 'float16' && transform.report.keptFloat32.length > 0)
    return [
      `${transform.report.keptFloat32.length} node(s) stay float32 (no float16 kernel): ${transform.report.keptFloat32
        .slice(0, 5)
        .map((node) => node.opType)
        .join(', ')}.`,
    ];
  return [];
}
