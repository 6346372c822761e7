import protobuf from 'protobufjs/light.js';
import { ModelProto } from './schema/onnxSchema.js';

/**
 * A whole ModelProto as plain objects, for code that rewrites models and writes them back: every
 * field of onnx.proto under its own name (keepCase), int64 as protobufjs's Long or a number, bytes as
 * views of the file (no copy), repeated fields always present as arrays. Fields this schema does not
 * know (a newer onnx.proto's) are kept as they came in `$unknown` and written back unchanged, so a
 * round trip loses nothing. protobufjs's own decoders drop unknown fields, hence this small codec over
 * its reflection and its Reader/Writer.
 */
export interface ProtoMessage {
  [field: string]: unknown;
  $unknown?: UnknownField[];
}

export interface UnknownField {
  id: number;
  wireType: number;
  /** The varint (as Long or number), the fixed32/fixed64 value or the bytes, as read. */
  value: unknown;
}

/** Decodes a serialized ModelProto; throws protobufjs's errors on bytes that are not protobuf. */
export function decodeModelProto(bytes: Uint8Array): ProtoMessage {
  const reader = protobuf.Reader.create(bytes);
  return decodeMessage(ModelProto, reader, reader.len);
}

/** Serializes a ModelProto decoded by decodeModelProto (or built in its shape). */
export function encodeModelProto(model: ProtoMessage): Uint8Array {
  const writer = protobuf.Writer.create();
  encodeMessage(ModelProto, model, writer);
  return writer.finish();
}

const WIRE = { varint: 0, fixed64: 1, bytes: 2, group: 3, fixed32: 5 } as const;

const wireTypeOf = {
  double: WIRE.fixed64,
  float: WIRE.fixed32,
  int32: WIRE.varint,
  uint32: WIRE.varint,
  sint32: WIRE.varint,
  fixed32: WIRE.fixed32,
  sfixed32: WIRE.fixed32,
  int64: WIRE.varint,
  uint64: WIRE.varint,
  sint64: WIRE.varint,
  fixed64: WIRE.fixed64,
  sfixed64: WIRE.fixed64,
  bool: WIRE.varint,
  string: WIRE.bytes,
  bytes: WIRE.bytes,
} as const satisfies Record<string, number>;

type Scalar = keyof typeof wireTypeOf;
type ScalarReader = { [K in Scalar]: () => unknown };
type ScalarWriter = { [K in Scalar]: (value: unknown) => protobuf.Writer };

/** A field's scalar type name, with enums read as int32 (unknown enum values are kept as numbers). */
function scalarOf(field: protobuf.Field): Scalar | null {
  if (field.resolvedType instanceof protobuf.Type) return null;
  if (field.resolvedType instanceof protobuf.Enum) return 'int32';
  return field.type as Scalar;
}

function decodeMessage(type: protobuf.Type, reader: protobuf.Reader, end: number): ProtoMessage {
  const message: ProtoMessage = {};
  for (const field of type.fieldsArray) if (field.repeated) message[field.name] = [];
  while (reader.pos < end) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wireType = tag & 7;
    const field = type.fieldsById[id];
    const value = field ? readField(field, wireType, reader) : NOT_READ;
    if (value === NOT_READ) {
      (message.$unknown ??= []).push({ id, wireType, value: readUnknown(wireType, reader) });
    } else if (field?.repeated) {
      const list = message[field.name] as unknown[];
      if (Array.isArray(value) && scalarOf(field)) list.push(...(value as unknown[]));
      else list.push(value);
    } else if (field) {
      message[field.name] = value;
    }
  }
  return message;
}

const NOT_READ = Symbol('not read');

/** One value (or a packed run, as an array) of a known field; NOT_READ when the wire type does not fit. */
function readField(field: protobuf.Field, wireType: number, reader: protobuf.Reader): unknown {
  const scalar = scalarOf(field);
  if (!scalar) {
    if (wireType !== WIRE.bytes) return NOT_READ;
    const length = reader.uint32();
    return decodeMessage(field.resolvedType as protobuf.Type, reader, reader.pos + length);
  }
  const expected: number = wireTypeOf[scalar];
  const read = (reader as unknown as ScalarReader)[scalar].bind(reader);
  if (field.repeated && wireType === WIRE.bytes && expected !== WIRE.bytes) {
    const end = reader.uint32() + reader.pos;
    const values: unknown[] = [];
    while (reader.pos < end) values.push(read());
    return values;
  }
  return wireType === expected ? read() : NOT_READ;
}

function readUnknown(wireType: number, reader: protobuf.Reader): unknown {
  switch (wireType) {
    case WIRE.varint:
      return reader.uint64();
    case WIRE.fixed64:
      return reader.fixed64();
    case WIRE.bytes:
      return reader.bytes();
    case WIRE.fixed32:
      return reader.fixed32();
    default:
      // Groups were deprecated before ONNX existed; no onnx.proto has used them.
      throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

function encodeMessage(type: protobuf.Type, message: ProtoMessage, writer: protobuf.Writer): void {
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.repeated) {
      const values = value as unknown[];
      if (values.length === 0) continue;
      const scalar = scalarOf(field);
      if (scalar && field.packed && (wireTypeOf[scalar] as number) !== WIRE.bytes) {
        writer.uint32((field.id << 3) | WIRE.bytes).fork();
        const write = (writer as unknown as ScalarWriter)[scalar].bind(writer);
        for (const item of values) write(item);
        writer.ldelim();
      } else {
        for (const item of values) writeOne(field, item, writer);
      }
    } else {
      writeOne(field, value, writer);
    }
  }
  for (const { id, wireType, value } of message.$unknown ?? []) {
    writer.uint32((id << 3) | wireType);
    if (wireType === WIRE.varint) writer.uint64(value as number);
    else if (wireType === WIRE.fixed64) writer.fixed64(value as number);
    else if (wireType === WIRE.bytes) writer.bytes(value as Uint8Array);
    else writer.fixed32(value as number);
  }
}

function writeOne(field: protobuf.Field, value: unknown, writer: protobuf.Writer): void {
  const scalar = scalarOf(field);
  if (!scalar) {
    writer.uint32((field.id << 3) | WIRE.bytes).fork();
    encodeMessage(field.resolvedType as protobuf.Type, value as ProtoMessage, writer);
    writer.ldelim();
    return;
  }
  writer.uint32((field.id << 3) | wireTypeOf[scalar]);
  (writer as unknown as ScalarWriter)[scalar].call(writer, value);
}
