import { z } from 'zod';

/**
 * What a registry version records of the conversion that made it (card.provenance.conversion), so the
 * card alone says where the model came from and how well it was proven.
 */
export const conversionProvenanceSchema = z.object({
  /** The conversion's folder under conversions/, with its full report and log. */
  conversionId: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  source: z.object({ fileName: z.string(), sha256: z.string(), bytes: z.number().nonnegative() }),
  /** The registry version it was converted from (ONNX transforms of a registered model). */
  sourceModel: z.object({ name: z.string(), version: z.number().int() }).nullable(),
  converter: z.object({ name: z.string(), version: z.string().nullable() }),
  libraries: z.record(z.string(), z.string().nullable()),
  opset: z.union([z.number(), z.record(z.string(), z.number())]),
  settings: z.record(z.string(), z.unknown()),
  parity: z.object({
    pass: z.boolean(),
    rtol: z.number(),
    atol: z.number(),
    /** Worst over every set and output. */
    maxAbsError: z.number(),
    maxRelError: z.number(),
    /** Least label agreement of any label output; null without one. */
    labelAgreement: z.number().nullable(),
    batches: z.array(z.number().int()),
  }),
  /** Registered though the parity failed, because the user insisted. */
  forced: z.boolean(),
});
export type ConversionProvenance = z.infer<typeof conversionProvenanceSchema>;
