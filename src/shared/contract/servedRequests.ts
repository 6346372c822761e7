import { z } from 'zod';
import { slugSchema } from './datasets.js';

/** Input name → the data set columns that fill it, in order. */
export const columnMappingSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));

/**
 * What the requests sent to a served model (a verification, a load test) were made of: tensors
 * generated from the model's signature, or rows of a data set.
 */
export const requestPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signature') }),
  z.object({
    kind: z.literal('dataset'),
    dataset: slugSchema,
    /** Rows read, from `offset`: requests × batch, or fewer when the data set ends first. */
    rows: z.number().int().positive(),
    offset: z.number().int().nonnegative(),
    mapping: columnMappingSchema,
  }),
]);
export type RequestPayload = z.infer<typeof requestPayloadSchema>;

/**
 * How a v2 infer request carries its tensors: JSON numbers, or the binary tensor data extension's
 * raw bytes (in and out), which KServe and Triton clients send by default.
 */
export const tensorEncodingSchema = z.enum(['json', 'binary']);
export type TensorEncoding = z.infer<typeof tensorEncodingSchema>;

/** The v2 infer route of a model, with or without a version: the one route that takes binary tensors. */
export const V2_INFER_PATH = /^\/v2\/models\/[^/]+(\/versions\/[^/]+)?\/infer$/;

/** The fields a request takes to make its bodies from rows of a data set instead of the signature. */
export const datasetRowsFields = {
  /** Make the bodies from rows of this data set instead of from the signature. */
  dataset: slugSchema.optional(),
  /**
   * Which columns fill each input. Without it: the columns named like the inputs, or, for a model
   * with one input, every numeric column in order.
   */
  mapping: columnMappingSchema.optional(),
  /** The first data set row to read (0-based). */
  offset: z.number().int().min(0).optional(),
};

/** A mapping or an offset without a data set is a mistake, not a no-op. */
export const datasetRowsRefinement = [
  (request: { dataset?: string | undefined; mapping?: unknown; offset?: number | undefined }) =>
    request.dataset !== undefined || (!request.mapping && request.offset === undefined),
  { message: 'a mapping or an offset needs a data set to read the rows from' },
] as const;
