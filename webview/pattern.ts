// Decodes a module's or a locality's pattern (base64 little-endian Float32 upper triangle) into usable numbers.

/** Index of pair (i, j), i < j, in the row-major upper triangle of an F x F matrix. */
export function pairIndex(i: number, j: number, F: number): number {
  if (i > j) [i, j] = [j, i];
  return i * F - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Number of pairs P = F(F-1)/2. */
export function pairCount(F: number): number {
  return (F * (F - 1)) / 2;
}

/** base64 -> bytes, without Buffer (the webview has none) and without atob where it is missing. */
function base64ToBytes(b64: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Decodes base64 little-endian Float32 values; a DataView keeps this right on any host byte order. */
export function decodePattern(b64: string): Float32Array {
  const bytes = base64ToBytes(b64);
  if (bytes.length % 4 !== 0) throw new Error(`pattern has ${bytes.length} bytes, not a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let k = 0; k < out.length; k++) out[k] = view.getFloat32(k * 4, true);
  return out;
}

/** The inverse of decodePattern (used by tests and the preview fixture). */
export function encodePattern(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < values.length; k++) view.setFloat32(k * 4, values[k], true);
  return bytesToBase64(bytes);
}

/** Expands P upper-triangle weights into a symmetric F x F row-major matrix with a zero diagonal. */
export function patternToMatrix(pattern: Float32Array, F: number): Float32Array {
  if (pattern.length !== pairCount(F)) {
    throw new Error(`pattern has ${pattern.length} weights; ${F} features need ${pairCount(F)}`);
  }
  const m = new Float32Array(F * F);
  let q = 0;
  for (let i = 0; i < F; i++) {
    for (let j = i + 1; j < F; j++) {
      m[i * F + j] = pattern[q];
      m[j * F + i] = pattern[q];
      q++;
    }
  }
  return m;
}

/** Largest |w|, or 1 when all are zero (so scales never divide by zero). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) {
    const a = Math.abs(values[k]);
    if (a > m) m = a;
  }
  return m > 0 ? m : 1;
}
