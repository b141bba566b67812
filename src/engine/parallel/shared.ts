// Typed arrays over SharedArrayBuffers, which the pool's threads read and write in place, and the zod
// checks a kernel's arguments pass on arrival (an array that is not shared would be copied, and its writes lost).
import { z } from 'zod';

type Kind = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

/** A zero-filled typed array of `length` elements in shared memory. */
export function sharedArray<K extends Kind>(Kind: K, length: number): InstanceType<K> {
  const buf = new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT);
  return new Kind(buf as unknown as ArrayBuffer) as InstanceType<K>;
}

/** `a` itself when it is already shared, else a shared copy. */
export function toShared<K extends Kind>(Kind: K, a: ArrayLike<number>): InstanceType<K> {
  if (a instanceof Kind && isShared(a)) return a as InstanceType<K>;
  const out = sharedArray(Kind, a.length);
  out.set(a);
  return out;
}

function isShared(a: { buffer: ArrayBufferLike }): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

const sharedOf = <T extends { buffer: ArrayBufferLike }>(Kind: Kind) =>
  z.custom<T>((v) => v instanceof Kind && isShared(v), {
    message: `expected a ${Kind.name} over a SharedArrayBuffer`,
  });

/** Schemas of shared typed arrays, for kernels' argument contracts. */
export const shared = {
  f64: sharedOf<Float64Array>(Float64Array),
  f32: sharedOf<Float32Array>(Float32Array),
  i32: sharedOf<Int32Array>(Int32Array),
  u8: sharedOf<Uint8Array>(Uint8Array),
};
