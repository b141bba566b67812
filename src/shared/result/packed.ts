// Packed arrays: a typed array as JSON-safe text (zlib-deflated little-endian bytes in base64), the same in Node
// and the browser (no Buffer). How a result file stores its per-row arrays; README "Reading a result" decodes it.
import { fromByteArray } from 'base64-js';
import { zlibSync, unzlibSync } from 'fflate';
import { z } from 'zod';

/** The stored element types and the arrays they decode to. */
export const DTYPES = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;
export type Dtype = keyof typeof DTYPES;
interface ArrayOfDtype {
  uint8: Uint8Array;
  uint16: Uint16Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}
export type TypedArrayOf<D extends Dtype> = ArrayOfDtype[D];
export type NumericArray = ArrayOfDtype[Dtype];

/**
 * One packed array. `base64` holds zlib data (RFC 1950: header, deflate, Adler-32) of the bytes when `deflate`,
 * else the bytes themselves. Optional steps, undone in this order after inflating:
 * `shuffle`: the bytes are stored by significance (every element's first byte, then every second byte...), which
 * lets deflate find the near-constant high bytes; `delta: r`: runs of r elements, each stored as its first value
 * then the differences to the one before; `scale`: the stored integers are codes, the values are code x scale.
 */
export const PackedSchema = z.object({
  dtype: z.enum(Object.keys(DTYPES) as [Dtype, ...Dtype[]]),
  length: z.number().int().nonnegative(),
  deflate: z.boolean(),
  shuffle: z.boolean().optional(),
  delta: z.number().int().positive().optional(),
  scale: z.number().positive().optional(),
  base64: z.string(),
});
export type Packed = z.infer<typeof PackedSchema>;

/** A packed array that cannot be read: what is wrong with it, without the key (the caller names that). */
export class PackedError extends Error {}

/** zlib's default level: 9 saves 0.6% of a 100,000-row result and takes half as long again to write it. */
const LEVEL = 6;

/** base64-js: a third of the time of btoa over a binary string (bench/kernels/base64.bench.ts), and no Buffer. */
export function bytesToBase64(bytes: Uint8Array): string {
  return fromByteArray(bytes);
}

/** atob, which (unlike base64-js) refuses characters outside the alphabet instead of reading them as zeros. */
export function base64ToBytes(b64: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new PackedError('its base64 text is not valid base64');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Little-endian bytes of `values`, whatever the host's byte order. */
function littleEndian(values: NumericArray): Uint8Array {
  const size = values.BYTES_PER_ELEMENT;
  if (size === 1) return new Uint8Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  const set =
    values instanceof Uint16Array
      ? (i: number, v: number) => view.setUint16(i * 2, v, true)
      : values instanceof Int32Array
        ? (i: number, v: number) => view.setInt32(i * 4, v, true)
        : values instanceof Float32Array
          ? (i: number, v: number) => view.setFloat32(i * 4, v, true)
          : (i: number, v: number) => view.setFloat64(i * 8, v, true);
  for (let i = 0; i < values.length; i++) set(i, values[i]);
  return out;
}

function fromLittleEndian<D extends Dtype>(dtype: D, bytes: Uint8Array): TypedArrayOf<D> {
  const size = DTYPES[dtype].BYTES_PER_ELEMENT;
  const n = bytes.length / size;
  const out = new DTYPES[dtype](n) as TypedArrayOf<D>;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const get =
    dtype === 'uint8'
      ? (i: number) => view.getUint8(i)
      : dtype === 'uint16'
        ? (i: number) => view.getUint16(i * 2, true)
        : dtype === 'int32'
          ? (i: number) => view.getInt32(i * 4, true)
          : dtype === 'float32'
            ? (i: number) => view.getFloat32(i * 4, true)
            : (i: number) => view.getFloat64(i * 8, true);
  for (let i = 0; i < n; i++) out[i] = get(i);
  return out;
}

/** Byte i of element e goes to plane i (shuffle), or back (unshuffle). */
function shuffleBytes(bytes: Uint8Array, size: number, back: boolean): Uint8Array {
  if (size === 1) return bytes;
  const n = bytes.length / size;
  const out = new Uint8Array(bytes.length);
  for (let e = 0; e < n; e++)
    for (let b = 0; b < size; b++) {
      if (back) out[e * size + b] = bytes[b * n + e];
      else out[b * n + e] = bytes[e * size + b];
    }
  return out;
}

/** Adler-32 of `bytes` (RFC 1950): fflate's unzlibSync skips this check, so a corrupted array is caught here. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced (zlib's NMAX).
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function inflate(data: Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = unzlibSync(data);
  } catch (e) {
    throw new PackedError(`its compressed data is corrupt (${(e as Error).message})`);
  }
  const end = data.length - 4;
  const stored = ((data[end] << 24) | (data[end + 1] << 16) | (data[end + 2] << 8) | data[end + 3]) >>> 0;
  if (stored !== adler32(out)) throw new PackedError('its compressed data is corrupt (checksum mismatch)');
  return out;
}

/** Runs of `run` values stored as first value then differences (int32 arithmetic, wrapping as numpy's does). */
export function deltaEncode(values: Int32Array, run: number): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = i % run === 0 ? values[i] : (values[i] - values[i - 1]) | 0;
  return out;
}

export function deltaDecode(deltas: NumericArray, run: number): Int32Array {
  const out = new Int32Array(deltas.length);
  for (let i = 0; i < deltas.length; i++) out[i] = i % run === 0 ? deltas[i] : (out[i - 1] + deltas[i]) | 0;
  return out;
}

/** Non-negative values as uint8 codes of a step `scale` = max / 255 (1 when all are 0): |value - code x scale| <= scale / 2. */
export function quantize(values: ArrayLike<number>): { codes: Uint8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0 && values[i] < Infinity))
      throw new Error(`quantize: value ${values[i]} at ${i} is not finite and >= 0`);
    if (values[i] > max) max = values[i];
  }
  const scale = max > 0 ? max / 255 : 1;
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Math.round(values[i] / scale);
  return { codes, scale };
}

/** `values` packed: deflated and byte-shuffled; `delta` and `scale` describe how `values` were coded before. */
export function pack(values: NumericArray, opts: { delta?: number; scale?: number } = {}): Packed {
  const dtype = (Object.keys(DTYPES) as Dtype[]).find((d) => values instanceof DTYPES[d]);
  if (!dtype) throw new Error('pack: not a supported typed array');
  const bytes = shuffleBytes(littleEndian(values), values.BYTES_PER_ELEMENT, false);
  return {
    dtype,
    length: values.length,
    deflate: true,
    ...(values.BYTES_PER_ELEMENT > 1 ? { shuffle: true } : {}),
    ...(opts.delta !== undefined ? { delta: opts.delta } : {}),
    ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
    base64: bytesToBase64(zlibSync(bytes, { level: LEVEL })),
  };
}

/**
 * The stored elements of `p` (codes when it has a scale), with every step undone but the scale.
 * Throws PackedError when its text, its compressed data or its byte count is wrong.
 */
export function unpackStored(p: Packed): NumericArray {
  const raw = base64ToBytes(p.base64);
  const bytes = p.deflate ? inflate(raw) : raw;
  const size = DTYPES[p.dtype].BYTES_PER_ELEMENT;
  if (bytes.length !== p.length * size)
    throw new PackedError(
      `it holds ${bytes.length} bytes, but length ${p.length} of ${p.dtype} needs ${p.length * size}`,
    );
  const integer = p.dtype !== 'float32' && p.dtype !== 'float64';
  if ((p.delta !== undefined || p.scale !== undefined) && !integer)
    throw new PackedError(`delta and scale apply to integer dtypes, not ${p.dtype}`);
  if (p.delta !== undefined && p.length % p.delta !== 0)
    throw new PackedError(`its length ${p.length} is not a whole number of delta runs of ${p.delta}`);
  const stored = fromLittleEndian(p.dtype, p.shuffle ? shuffleBytes(bytes, size, true) : bytes);
  return p.delta !== undefined ? deltaDecode(stored, p.delta) : stored;
}

/** The values of `p`: its stored elements, times its scale when it has one (then as Float32). */
export function unpack(p: Packed): NumericArray {
  const stored = unpackStored(p);
  if (p.scale === undefined) return stored;
  const out = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = stored[i] * p.scale;
  return out;
}
