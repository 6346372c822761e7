import { z } from 'zod';

/**
 * The parity check of a conversion: the converted ONNX model run in ONNX Runtime on the inputs the
 * source framework was run on, each output compared with the framework's. Plain JSON throughout:
 * an output that is missing or has another shape cannot be compared element by element, so it
 * counts every element as outside and its errors as Number.MAX_VALUE (Infinity is not JSON).
 */
export const outputParitySchema = z.object({
  name: z.string(),
  elements: z.number().int().nonnegative(),
  /** max |got − want|. */
  maxAbsError: z.number().nonnegative(),
  /** max |got − want| / max(|want|, tiny). */
  maxRelError: z.number().nonnegative(),
  /** Elements with |got − want| > atol + rtol·|want| (floats) or got ≠ want (labels). */
  outside: z.number().int().nonnegative(),
  /** The fraction (0..1) of equal elements for integer, string and bool outputs (labels); null for floats. */
  labelAgreement: z.number().min(0).max(1).nullable(),
});
export type OutputParity = z.infer<typeof outputParitySchema>;

export const setParitySchema = z.object({
  label: z.string(),
  batch: z.number().int().nonnegative(),
  outputs: z.array(outputParitySchema),
  pass: z.boolean(),
});
export type SetParity = z.infer<typeof setParitySchema>;

export const parityToleranceSchema = z.object({
  rtol: z.number().nonnegative().default(1e-4),
  atol: z.number().nonnegative().default(1e-5),
  /** The least fraction of equal labels a label output needs to pass. */
  minLabelAgreement: z.number().min(0).max(1).default(1),
});
export type ParityTolerance = z.infer<typeof parityToleranceSchema>;

export const parityReportSchema = z.object({
  tolerance: parityToleranceSchema,
  sets: z.array(setParitySchema),
  pass: z.boolean(),
});
export type ParityReport = z.infer<typeof parityReportSchema>;
