import { z } from 'zod';
import { dimSizesSchema } from './modelLab.js';

/**
 * Shapes observed by running a model once on a generated input (`models.observeShapes`,
 * `mlw model shapes`): the element type and dims of every value ONNX Runtime can show.
 */

export const observeOptionsSchema = z.object({
  /** Sizes for named symbolic dimensions; those not given are 1. */
  dims: dimSizesSchema.default({}),
  fill: z.enum(['random', 'zeros']).default('random'),
  seed: z.number().int().default(1),
});
export type ObserveOptions = z.infer<typeof observeOptionsSchema>;

/** ONNX Runtime's element type name (float32, int64...) and the dims a run gave. */
export const observedShapeSchema = z.object({ type: z.string(), dims: z.array(z.number().int()) });
export type ObservedShape = z.infer<typeof observedShapeSchema>;

export const observedShapesSchema = z.object({
  schemaVersion: z.literal(1),
  /** Every symbolic dimension of the inputs with the size it was given. */
  dims: dimSizesSchema,
  /** Value name → what the run gave: the inputs as fed, every intermediate value, the outputs. */
  values: z.record(z.string(), observedShapeSchema),
  /** Values the run could not show, and why (inside an If/Loop/Scan body, not a tensor...). */
  unobserved: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** How many runs it took: values are fetched in groups to bound the memory they take at once. */
  runs: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type ObservedShapes = z.infer<typeof observedShapesSchema>;
