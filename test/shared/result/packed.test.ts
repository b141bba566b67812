// Packed arrays: every dtype round-trips bit for bit (empty, odd and past-chunk lengths), the bytes are
// little-endian zlib data any zlib reads, delta and scale undo exactly, and damage is refused, not misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  DTYPES,
  PackedError,
  deltaDecode,
  deltaEncode,
  pack,
  quantize,
  unpack,
  unpackStored,
  type Dtype,
  type NumericArray,
} from '../../../src/shared/result/packed';

/** Bytes of a typed array as stored in memory (little-endian on every machine these tests run on). */
const bytesOf = (a: NumericArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function sample(dtype: Dtype, n: number): NumericArray {
  const a = new DTYPES[dtype](n);
  let s = 12345;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++) {
    const u = rnd();
    if (dtype === 'float32' || dtype === 'float64') a[i] = (u - 0.5) * 10 ** Math.floor(rnd() * 12 - 6);
    else if (dtype === 'int32') a[i] = Math.floor((u - 0.5) * 2 ** 32);
    else a[i] = Math.floor(u * 2 ** (8 * a.BYTES_PER_ELEMENT));
  }
  if (n > 3 && dtype.startsWith('float')) {
    a[0] = NaN;
    a[1] = -Infinity;
    a[2] = -0;
  }
  return a;
}

// 0x8000 bytes is the base64 writer's chunk: lengths on both sides of it (and of a whole number of chunks).
const LENGTHS = [0, 1, 5, 0x8000 / 4 - 1, 0x8000 / 4, 0x8000 / 4 + 1, 0x8000 + 3, 3 * 0x8000];

test('every dtype round-trips bit for bit, for empty, short and past-chunk lengths', () => {
  for (const dtype of Object.keys(DTYPES) as Dtype[])
    for (const n of LENGTHS) {
      const a = sample(dtype, n);
      const p = pack(a);
      assert.deepEqual([p.dtype, p.length, p.deflate], [dtype, n, true]);
      const back = unpack(p);
      assert.ok(back instanceof DTYPES[dtype], `${dtype} decodes to its own array type`);
      assert.deepEqual(bytesOf(back), bytesOf(a), `${dtype} x ${n}`);
    }
});

test('the base64 holds zlib data (RFC 1950) of little-endian bytes, shuffled by significance', () => {
  // 1.0f is 00 00 80 3f, 2.0f is 00 00 00 40: by planes, the low bytes of both first, the high bytes last.
  const p = pack(Float32Array.from([1, 2]));
  assert.equal(p.shuffle, true);
  assert.deepEqual([...inflateSync(Buffer.from(p.base64, 'base64'))], [0, 0, 0, 0, 0x80, 0, 0x3f, 0x40]);
  // Single bytes need no shuffle, and the field is left out.
  const u = pack(Uint8Array.from([7, 8, 9]));
  assert.equal(u.shuffle, undefined);
  assert.deepEqual([...inflateSync(Buffer.from(u.base64, 'base64'))], [7, 8, 9]);
  // And any zlib's output reads back: here Node's, not fflate's.
  const a = sample('float64', 1000);
  const fromNode = {
    dtype: 'float64' as const,
    length: 1000,
    deflate: true,
    base64: deflateSync(bytesOf(a)).toString('base64'),
  };
  assert.deepEqual(bytesOf(unpack(fromNode)), bytesOf(a));
  assert.deepEqual(
    bytesOf(unpack({ ...fromNode, deflate: false, base64: Buffer.from(bytesOf(a)).toString('base64') })),
    bytesOf(a),
  );
});

test('the same values give the same text, in Node and in a browser without Buffer', () => {
  const a = sample('float32', 5000);
  const text = pack(a).base64;
  assert.equal(pack(a.slice()).base64, text);
  const saved = globalThis.Buffer;
  try {
    // @ts-expect-error a browser has no Buffer
    delete globalThis.Buffer;
    assert.equal(typeof Buffer, 'undefined');
    assert.equal(pack(a).base64, text);
    assert.deepEqual(bytesOf(unpack(pack(a))), bytesOf(a));
  } finally {
    globalThis.Buffer = saved;
  }
});

test('delta runs: each run stored as its first value then differences, undone exactly', () => {
  const a = Int32Array.from([5, 9, 9, 20, 3, 4, 100, 101, 2147483647, -2147483648]);
  const d = deltaEncode(a, 2);
  assert.deepEqual(
    [...d],
    [5, 4, 9, 11, 3, 1, 100, 1, 2147483647, 1],
    'the last run wraps as int32 arithmetic does',
  );
  assert.deepEqual(deltaDecode(d, 2), a);
  const p = pack(d, { delta: 2 });
  assert.equal(p.delta, 2);
  assert.deepEqual(unpack(p), a);
  assert.deepEqual(unpack(pack(new Int32Array(0), { delta: 4 })), new Int32Array(0));
});

test('quantize: uint8 codes of largest / 255, within half a step; all-zero and negative inputs', () => {
  const v = Float32Array.from([0, 0.001, 0.5, 1.234, 2.55]);
  const { codes, scale } = quantize(v);
  assert.equal(scale, Math.fround(2.55) / 255);
  assert.deepEqual([...codes], [0, 0, 50, 123, 255]);
  const back = unpack(pack(codes, { scale })) as Float32Array;
  assert.ok(back instanceof Float32Array);
  for (let i = 0; i < v.length; i++)
    assert.ok(Math.abs(back[i] - v[i]) <= scale / 2 + 1e-7, `${back[i]} vs ${v[i]}`);
  assert.deepEqual(
    [...unpackStored(pack(codes, { scale }))],
    [...codes],
    'the stored codes, scale not applied',
  );
  const zeros = quantize(new Float32Array(3));
  assert.deepEqual([zeros.scale, ...zeros.codes], [1, 0, 0, 0]);
  assert.throws(() => quantize([1, -0.5]), /-0.5 at 1/);
  assert.throws(() => quantize([NaN]), /NaN at 0/);
});

/** The PackedError message of unpacking `p`. */
function failure(p: Parameters<typeof unpack>[0]): string {
  try {
    unpack(p);
  } catch (e) {
    assert.ok(e instanceof PackedError, `a PackedError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('unpacked without complaint');
}

test('damage is refused with what is wrong: base64, compressed data, checksum, byte count, misplaced steps', () => {
  const p = pack(sample('float32', 300));
  assert.match(
    failure({ ...p, base64: p.base64.slice(0, 10) + '!' + p.base64.slice(11) }),
    /not valid base64/,
  );
  assert.match(failure({ ...p, base64: p.base64.slice(0, 40) }), /compressed data is corrupt/);
  // One bit flipped inside the deflate stream: inflate may still succeed, the Adler-32 check does not.
  const z = Buffer.from(p.base64, 'base64');
  z[z.length - 20] ^= 0x10;
  assert.match(failure({ ...p, base64: z.toString('base64') }), /compressed data is corrupt/);
  // Stored (level 0) blocks inflate whatever their bytes: only the checksum can tell a changed value.
  const a = sample('float32', 100);
  const stored = deflateSync(bytesOf(a), { level: 0 });
  stored[stored.length - 10] ^= 0x01;
  const plainP = { dtype: 'float32' as const, length: 100, deflate: true, base64: stored.toString('base64') };
  assert.match(failure(plainP), /compressed data is corrupt \(checksum mismatch\)/);
  assert.match(failure({ ...p, length: 299 }), /holds 1200 bytes, but length 299 of float32 needs 1196/);
  assert.match(failure({ ...p, dtype: 'float64' }), /holds 1200 bytes, but length 300 of float64 needs 2400/);
  assert.match(failure({ ...p, scale: 2 }), /delta and scale apply to integer dtypes, not float32/);
  const ints = pack(Int32Array.from([1, 2, 3]), { delta: 2 });
  assert.match(failure(ints), /length 3 is not a whole number of delta runs of 2/);
});
