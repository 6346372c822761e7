import { z } from 'zod';

/**
 * What inspect() returns: plain JSON (no typed arrays, no bigint, no class instances), so it crosses
 * IPC and the WebSocket as is. Element types are ONNX names (FLOAT, INT64, ...); a shape is null when
 * its rank is unknown, and a dim is a size, a symbolic name (dim_param) or null when unknown.
 */

export type DimSummary = number | string | null;

export type TypeSummary =
  | { kind: 'tensor' | 'sparse_tensor'; elementType: string; shape: DimSummary[] | null }
  | { kind: 'sequence' | 'optional'; element: TypeSummary | null }
  | { kind: 'map'; keyType: string; value: TypeSummary | null };

export interface ValueSummary {
  name: string;
  type: TypeSummary | null;
  docString: string;
}

/** A tensor described by its type and shape, never its data. */
export interface TensorShapeSummary {
  elementType: string;
  shape: number[];
}

export interface InitializerSummary extends TensorShapeSummary {
  name: string;
  bytes: number;
  external: boolean;
}

export type AttributeValueSummary =
  | number
  | string
  | number[]
  | string[]
  | TensorShapeSummary
  | TensorShapeSummary[]
  | TypeSummary
  | (TypeSummary | null)[]
  | { graph: string; nodes: number }
  | { graph: string; nodes: number }[]
  | null;

export interface AttributeSummary {
  name: string;
  /** ONNX's attribute type (INT, FLOATS, TENSOR, GRAPH...), or REF for a function attribute reference. */
  type: string;
  /** Lists longer than LIST_LIMIT are cut; `length` then says how long they are. */
  value: AttributeValueSummary;
  length?: number;
}

/** A value's type after shape inference; `declared` when the model itself states it. */
export interface ValueTypeSummary {
  name: string;
  elementType: string | null;
  shape: DimSummary[] | null;
  declared: boolean;
}

export interface NodeSummary {
  name: string;
  opType: string;
  /** 'ai.onnx' for the default domain. */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: AttributeSummary[];
  /** Estimated FLOPs; null when the shapes are unknown or the operator has no formula. */
  flops: number | null;
  /** The graphs a control-flow node (If, Loop, Scan) carries; empty for other nodes. */
  subgraphs: { attribute: string; graph: GraphSummary }[];
}

export interface GraphSummary {
  name: string;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  nodes: NodeSummary[];
  /** Every tensor value's type, declared or inferred, for drawing edges. */
  values: ValueTypeSummary[];
}

export interface ModelSummary {
  file: { path: string; bytes: number };
  producer: { name: string; version: string };
  irVersion: number | null;
  domain: string;
  modelVersion: number | null;
  docString: string;
  metadata: { key: string; value: string }[];
  /** Imported operator sets; the default domain is named 'ai.onnx'. */
  opsets: { domain: string; version: number }[];
  /** Graph inputs a caller feeds: initializers that are also listed as inputs are left out. */
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  /** How often each operator is used, subgraphs included, most used first. */
  operators: { opType: string; domain: string; count: number }[];
  initializers: {
    count: number;
    /** Bytes the weights need (element count × element size; strings by their length). */
    bytes: number;
    /** Elements in all initializers. */
    parameters: number;
    external: { count: number; bytes: number };
    largest: InitializerSummary[];
  };
  flops: {
    /** The sum of every node's estimate. */
    total: number;
    /** Nodes that compute but whose FLOPs could not be estimated; the total leaves them out. */
    unestimatedNodes: number;
    convention: string;
  };
  /** Subgraphs (If, Loop, Scan bodies) anywhere in the model. */
  subgraphCount: number;
  graph: GraphSummary;
}

const dimSchema = z.union([z.number(), z.string(), z.null()]);

export const typeSummarySchema: z.ZodType<TypeSummary> = z.lazy(() =>
  z.union([
    z.object({
      kind: z.enum(['tensor', 'sparse_tensor']),
      elementType: z.string(),
      shape: z.array(dimSchema).nullable(),
    }),
    z.object({ kind: z.enum(['sequence', 'optional']), element: typeSummarySchema.nullable() }),
    z.object({ kind: z.literal('map'), keyType: z.string(), value: typeSummarySchema.nullable() }),
  ]),
);

const valueSummarySchema = z.object({
  name: z.string(),
  type: typeSummarySchema.nullable(),
  docString: z.string(),
});

const tensorShapeSummarySchema = z.object({ elementType: z.string(), shape: z.array(z.number()) });
const subgraphRefSchema = z.object({ graph: z.string(), nodes: z.number() });

const attributeSummarySchema = z.object({
  name: z.string(),
  type: z.string(),
  value: z.union([
    z.number(),
    z.string(),
    z.array(z.number()),
    z.array(z.string()),
    tensorShapeSummarySchema,
    z.array(tensorShapeSummarySchema),
    typeSummarySchema,
    z.array(typeSummarySchema.nullable()),
    subgraphRefSchema,
    z.array(subgraphRefSchema),
    z.null(),
  ]),
  length: z.number().optional(),
});

const valueTypeSummarySchema = z.object({
  name: z.string(),
  elementType: z.string().nullable(),
  shape: z.array(dimSchema).nullable(),
  declared: z.boolean(),
});

export const graphSummarySchema: z.ZodType<GraphSummary> = z.lazy(() =>
  z.object({
    name: z.string(),
    inputs: z.array(valueSummarySchema),
    outputs: z.array(valueSummarySchema),
    nodes: z.array(nodeSummarySchema),
    values: z.array(valueTypeSummarySchema),
  }),
);

const nodeSummarySchema: z.ZodType<NodeSummary> = z.lazy(() =>
  z.object({
    name: z.string(),
    opType: z.string(),
    domain: z.string(),
    inputs: z.array(z.string()),
    outputs: z.array(z.string()),
    attributes: z.array(attributeSummarySchema),
    flops: z.number().nullable(),
    subgraphs: z.array(z.object({ attribute: z.string(), graph: graphSummarySchema })),
  }),
);

const initializerSummarySchema = tensorShapeSummarySchema.extend({
  name: z.string(),
  bytes: z.number(),
  external: z.boolean(),
});

export const modelSummarySchema: z.ZodType<ModelSummary> = z.object({
  file: z.object({ path: z.string(), bytes: z.number() }),
  producer: z.object({ name: z.string(), version: z.string() }),
  irVersion: z.number().nullable(),
  domain: z.string(),
  modelVersion: z.number().nullable(),
  docString: z.string(),
  metadata: z.array(z.object({ key: z.string(), value: z.string() })),
  opsets: z.array(z.object({ domain: z.string(), version: z.number() })),
  inputs: z.array(valueSummarySchema),
  outputs: z.array(valueSummarySchema),
  operators: z.array(z.object({ opType: z.string(), domain: z.string(), count: z.number() })),
  initializers: z.object({
    count: z.number(),
    bytes: z.number(),
    parameters: z.number(),
    external: z.object({ count: z.number(), bytes: z.number() }),
    largest: z.array(initializerSummarySchema),
  }),
  flops: z.object({ total: z.number(), unestimatedNodes: z.number(), convention: z.string() }),
  subgraphCount: z.number(),
  graph: graphSummarySchema,
});

/** One problem the structural check found; `node` and `value` name where, so the UI can point at it. */
export const findingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  node: z.string().optional(),
  value: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
