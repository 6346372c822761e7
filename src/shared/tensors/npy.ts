import { unzipSync, zipSync } from 'fflate';
import { WorkbenchError } from '../contract/errors.js';
import {
  bytesPerElement,
  elementCount,
  tensorBytes,
  tensorData,
  type NumericData,
  type TensorType,
  type TensorValue,
} from './tensors.js';

/**
 * NumPy's .npy (format versions 1.0, 2.0, 3.0) and .npz files, for tensors in and out of models.
 * Little-endian numbers, bool, and unicode strings (`<U`), in C order; see
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const descrOf: Record<Exclude<TensorType, 'string'>, string> = {
  float16: '<f2',
  float32: '<f4',
  float64: '<f8',
  int8: '|i1',
  int16: '<i2',
  int32: '<i4',
  int64: '<i8',
  uint8: '|u1',
  uint16: '<u2',
  uint32: '<u4',
  uint64: '<u8',
  bool: '|b1',
};
const typeOf = new Map<string, Exclude<TensorType, 'string'>>(
  Object.entries(descrOf).map(([type, descr]) => [descr.slice(1), type as Exclude<TensorType, 'string'>]),
);

function npyError(source: string, problem: string, hint: string): WorkbenchError {
  return new WorkbenchError({
    code: 'INVALID_INPUT',
    message: `${source} cannot be read as a tensor: ${problem}.`,
    hint,
    details: { source },
  });
}

interface Header {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

function parseHeader(text: string, source: string): Header {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (/'descr'\s*:\s*\[/.test(text))
    throw npyError(
      source,
      'it holds a structured array (named fields), not a plain tensor',
      'Save each field as its own array: np.save("x.npy", a["field"]).',
    );
  if (descr === undefined || fortran === undefined || shape === undefined)
    throw npyError(
      source,
      `its header is not a NumPy array header (${text.trim().slice(0, 120)})`,
      'Save it with numpy.save.',
    );
  const dims = shape
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => Number(part.replace(/L$/, '')));
  if (dims.some((dim) => !Number.isSafeInteger(dim) || dim < 0))
    throw npyError(source, `its shape (${shape}) is not a list of sizes`, 'Save it with numpy.save.');
  return { descr, fortranOrder: fortran === 'True', shape: dims };
}

/** Decodes one .npy file's bytes; `source` names it in errors. */
export function decodeNpy(bytes: Uint8Array, source = 'The .npy file'): TensorValue {
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte))
    throw npyError(
      source,
      'it does not start with the .npy magic bytes (\\x93NUMPY)',
      'Write it with numpy.save, or give a .json tensor.',
    );
  const major = bytes[6] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let start: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw npyError(source, 'the file is truncated', 'Write it again with numpy.save.');
    headerLength = view.getUint32(8, true);
    start = 12;
  } else
    throw npyError(
      source,
      `its format version ${major}.${bytes[7]} is not 1, 2 or 3`,
      'Write it with numpy.save.',
    );
  if (start + headerLength > bytes.length)
    throw npyError(source, 'the file is truncated inside its header', 'Write it again with numpy.save.');
  const header = parseHeader(
    new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength)),
    source,
  );
  const body = bytes.subarray(start + headerLength);
  const count = elementCount(header.shape);
  const { descr } = header;
  const order = descr[0] ?? '';
  const code = descr.slice(1);
  const size = Number(code.slice(1));
  if (order === '>' && size > 1)
    throw npyError(
      source,
      `its values are big-endian (${descr})`,
      `Convert it to little-endian first: np.save("x.npy", a.astype(a.dtype.newbyteorder("<"))).`,
    );
  if (header.fortranOrder && header.shape.filter((dim) => dim > 1).length > 1)
    throw npyError(
      source,
      'it is stored in Fortran (column-major) order',
      'Save a C-ordered copy: np.save("x.npy", np.ascontiguousarray(a)).',
    );
  if (code[0] === 'U') {
    const width = size;
    if (body.length < count * width * 4)
      throw npyError(
        source,
        `it holds ${body.length} bytes of data, ${count} strings of ${width} characters need ${count * width * 4}`,
        'Write it again with numpy.save.',
      );
    const strings: string[] = [];
    const chars = new DataView(body.buffer, body.byteOffset, body.byteLength);
    for (let i = 0; i < count; i += 1) {
      let text = '';
      for (let c = 0; c < width; c += 1) {
        const point = chars.getUint32((i * width + c) * 4, true);
        if (point === 0) break;
        text += String.fromCodePoint(point);
      }
      strings.push(text);
    }
    return { type: 'string', dims: header.shape, data: strings };
  }
  const type = typeOf.get(code);
  if (!type) {
    const hint =
      code[0] === 'O'
        ? 'It holds Python objects (pickled), which are never loaded: save strings as a unicode array, a.astype(str).'
        : code[0] === 'S'
          ? 'Save byte strings as unicode: np.save("x.npy", a.astype(str)).'
          : 'Convert it to one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 or a unicode string array, e.g. a.astype(np.float32).';
    throw npyError(source, `its element type ${descr} is not one a model takes`, hint);
  }
  const byteLength = count * bytesPerElement(type);
  if (body.length < byteLength)
    throw npyError(
      source,
      `it holds ${body.length} bytes of data, but shape (${header.shape.join(', ')}) of ${type} needs ${byteLength}`,
      'The file is truncated: write it again with numpy.save.',
    );
  return { type, dims: header.shape, data: tensorData(type, body.subarray(0, byteLength)) };
}

/** Encodes a tensor as .npy: version 1.0, or 2.0 when the header needs more than 64 KiB. */
export function encodeNpy(tensor: TensorValue): Uint8Array {
  let descr: string;
  let body: Uint8Array;
  if (tensor.type === 'string') {
    const strings = tensor.data as string[];
    const points = strings.map((text) => Array.from(text, (char) => char.codePointAt(0) ?? 0));
    const width = Math.max(1, ...points.map((p) => p.length));
    descr = `<U${width}`;
    const words = new Uint32Array(strings.length * width);
    points.forEach((p, i) => words.set(p, i * width));
    body = tensorBytes(words);
  } else {
    descr = descrOf[tensor.type];
    body = tensorBytes(tensor.data as NumericData);
  }
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const version = dict.length + 11 > 65535 ? 2 : 1;
  const prefix = version === 1 ? 10 : 12;
  // The data starts on a 64-byte boundary; the header ends in a newline.
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  const header = `${dict}${' '.repeat(padded - dict.length - 1)}\n`;
  const out = new Uint8Array(prefix + padded + body.length);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded, true);
  else view.setUint32(8, padded, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(body, prefix + padded);
  return out;
}

/** The arrays of an .npz archive (np.savez or np.savez_compressed), by name without `.npy`. */
export function decodeNpz(bytes: Uint8Array, source = 'The .npz file'): Record<string, TensorValue> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw npyError(
      source,
      `it is not a zip archive (${error instanceof Error ? error.message : String(error)})`,
      'Write it with numpy.savez or numpy.savez_compressed.',
    );
  }
  const tensors: Record<string, TensorValue> = {};
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith('.npy')) continue;
    tensors[name.slice(0, -4)] = decodeNpy(data, `${source} (${name})`);
  }
  return tensors;
}

/** An .npz archive of `tensors`, each stored as `<name>.npy`; deflated when `compress` is set. */
export function encodeNpz(
  tensors: Record<string, TensorValue>,
  options: { compress?: boolean } = {},
): Uint8Array {
  const level = options.compress ? 6 : 0;
  return zipSync(
    Object.fromEntries(
      Object.entries(tensors).map(([name, tensor]) => [`${name}.npy`, [encodeNpy(tensor), { level }]]),
    ),
  );
}

/** The file an output is saved as, by the CLI and by the window: characters beyond `A-Za-z0-9._-` become `_`. */
export function npyFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.npy`;
}
