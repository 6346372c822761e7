import { z } from 'zod';
import { oipDatatype } from '../../../../shared/tensors/elementTypes.js';

/** What the model server's GET /metadata says about the model, as far as a sample request needs. */
const metadataSchema = z.object({
  name: z.string(),
  inputs: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      shape: z.array(z.union([z.number(), z.string(), z.null()])),
    }),
  ),
});
export type ServedMetadata = z.infer<typeof metadataSchema>;

/** The metadata of a /metadata answer's body, or undefined when it is not the model server's. */
export function parseMetadata(body: string): ServedMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Past this many values a sample is zeros, which print shortest. */
const SMALL_TENSOR = 64;

/** A concrete shape: symbolic and unknown dims (batch, -1, null) become 1, one row. */
export function concreteShape(shape: readonly (number | string | null)[]): number[] {
  return shape.map((dim) => (typeof dim === 'number' && dim > 0 ? dim : 1));
}

function sampleValues(type: string, count: number): (number | boolean | string)[] {
  if (type === 'bool') return Array.from({ length: count }, () => false);
  if (type === 'string') return Array.from({ length: count }, () => '');
  if (count > SMALL_TENSOR) return Array.from({ length: count }, () => 0);
  const integer = type.startsWith('int') || type.startsWith('uint');
  return Array.from({ length: count }, (_, i) => (integer ? i % 10 : ((i % 10) + 1) / 10));
}

/**
 * Bodies that fit the model's inputs, one row each: `{"inputs": {<name>: {"shape", "data"}}}` for
 * POST /predict and the Open Inference Protocol's `{"inputs": [{name, shape, datatype, data}]}` for
 * v2 infer. Small tensors get small distinct numbers (a softmax shows something), big ones zeros.
 */
export function sampleBodies(metadata: ServedMetadata): { predict: string; infer: string } {
  const tensors = metadata.inputs.map((input) => {
    const shape = concreteShape(input.shape);
    const count = shape.reduce((product, dim) => product * dim, 1);
    return { ...input, shape, data: sampleValues(input.type, count) };
  });
  const predict = {
    inputs: Object.fromEntries(tensors.map((t) => [t.name, { shape: t.shape, data: t.data }])),
  };
  const infer = {
    inputs: tensors.map((t) => ({
      name: t.name,
      shape: t.shape,
      datatype: oipDatatype(t.type) ?? t.type.toUpperCase(),
      data: t.data,
    })),
  };
  return { predict: compactJson(predict), infer: compactJson(infer) };
}

/**
 * Pretty JSON with arrays of figures kept on one line, as people write request bodies by hand;
 * arrays holding text stay as they are, so no string's commas are touched.
 */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s+([^[\]{}"]*?)\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
}
