/**
 * One version of an ONNX operator's schema, as operatorSchemas.generated.ts holds it. Parameters read
 * `name: type`, where type is a type-constraint name or a fixed type such as `tensor(int64)`; a name
 * ending in `?` is optional, `...` variadic (all of one type), `...~` variadic of mixed types.
 * Attribute types are AttributeProto's (INT, FLOATS, ...), with `!` when the attribute is required.
 */
export interface OperatorSchema {
  since: number;
  deprecated?: true;
  inputs: string[];
  outputs: string[];
  /** Fewest and most inputs, then outputs; Infinity when variadic. */
  arity: [number, number, number, number];
  attributes: Record<string, string>;
  /** Type-constraint name → index into typeSets. */
  types: Record<string, number>;
}

/** Domain → operator → its versions, oldest first. */
export type OperatorSchemaTable = Record<string, Record<string, OperatorSchema[]>>;
