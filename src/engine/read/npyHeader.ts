// The header of a NumPy .npy array (format versions 1 to 3) and the decoding of its numeric element types.
// Hand-written: the header is one short Python-literal line, and the npm readers load the whole array.
import { LavaInputError } from '../../shared/errors';

export interface NpyHeader {
  /** Bytes before the first element. */
  dataOffset: number;
  shape: number[];
  dtype: NpyDtype;
}

export interface NpyDtype {
  /** The descr as written, e.g. "<f4". */
  descr: string;
  kind: 'f' | 'i' | 'u' | 'b';
  size: number;
  littleEndian: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parses the header at the start of `bytes` (which must hold all of it); `where` names the array in errors. */
export function parseNpyHeader(bytes: Uint8Array, file: string, where: string): NpyHeader {
  const damaged = (what: string): LavaInputError =>
    new LavaInputError(
      `${where} is not a NumPy array file (${what})`,
      { file },
      'Save the array with numpy.save (or numpy.savez for several), or check that the file was copied whole.',
    );
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw damaged('no \\x93NUMPY signature');
  const major = bytes[6];
  const lenBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw damaged(`format version ${major} is unknown`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = lenBytes === 2 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const dataOffset = 8 + lenBytes + headerLen;
  if (bytes.length < dataOffset) throw damaged('the header is cut short');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(8 + lenBytes, dataOffset),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (descr === null) {
    const structured = /'descr'\s*:\s*\[/.test(text);
    if (structured) throw nonNumeric(file, where, 'a structured (record) type');
    throw damaged('no descr in the header');
  }
  if (fortran === null || shape === null) throw damaged('the header lacks fortran_order or shape');
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d < 0))
    throw damaged(`shape (${shape[1]}) is not a list of sizes`);
  const dtype = parseDtype(descr[1], file, where);
  if (fortran[1] === 'True' && dims.length > 1) {
    throw new LavaInputError(
      `${where} is stored in Fortran (column-major) order`,
      { file },
      'Save it in C order: numpy.save(path, numpy.ascontiguousarray(a)).',
    );
  }
  return { dataOffset, shape: dims, dtype };
}

function nonNumeric(file: string, where: string, what: string): LavaInputError {
  return new LavaInputError(
    `${where} holds ${what}, not numbers`,
    { file },
    'Features must be numbers: save a numeric array (e.g. a.astype("float32")), and keep labels in a separate CSV.',
  );
}

function parseDtype(descr: string, file: string, where: string): NpyDtype {
  const m = /^([<>|=])([a-zA-Z])(\d*)$/.exec(descr);
  const kind = m?.[2];
  const size = Number(m?.[3] ?? 0);
  if (m === null || kind === undefined) throw nonNumeric(file, where, `elements of type "${descr}"`);
  if (kind === 'O') throw nonNumeric(file, where, 'Python objects (dtype=object)');
  if (kind === 'U' || kind === 'S' || kind === 'a') throw nonNumeric(file, where, `text (dtype ${descr})`);
  const known: Record<string, number[]> = { f: [4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  if (!(kind in known) || !known[kind].includes(size)) {
    throw nonNumeric(
      file,
      where,
      `elements of type "${descr}" (this reader takes float32/64, integers and booleans)`,
    );
  }
  return { descr, kind: kind as NpyDtype['kind'], size, littleEndian: m[1] !== '>' };
}

/** Decodes `count` elements from `bytes` (any alignment) into numbers. */
export function decodeNpy(bytes: Uint8Array, dtype: NpyDtype, count: number): Float64Array {
  const out = new Float64Array(count);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, count * dtype.size);
  const le = dtype.littleEndian;
  const read = reader(dtype, dv, le);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}

function reader(dtype: NpyDtype, dv: DataView, le: boolean): (i: number) => number {
  switch (`${dtype.kind}${dtype.size}`) {
    case 'f4':
      return (i) => dv.getFloat32(i * 4, le);
    case 'f8':
      return (i) => dv.getFloat64(i * 8, le);
    case 'i1':
      return (i) => dv.getInt8(i);
    case 'i2':
      return (i) => dv.getInt16(i * 2, le);
    case 'i4':
      return (i) => dv.getInt32(i * 4, le);
    case 'i8':
      return (i) => Number(dv.getBigInt64(i * 8, le));
    case 'u1':
    case 'b1':
      return (i) => dv.getUint8(i);
    case 'u2':
      return (i) => dv.getUint16(i * 2, le);
    case 'u4':
      return (i) => dv.getUint32(i * 4, le);
    default:
      return (i) => Number(dv.getBigUint64(i * 8, le));
  }
}
