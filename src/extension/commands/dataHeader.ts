// The column names of a data file from its first bytes only: the options wizard needs nothing more, and the
// run reads the file itself. Parsed by the engine's own header reader (engine/read/header.ts).
import { promises as fsp } from 'node:fs';
import { readHeader } from '../../engine/read/header';

/** Reads up to `length` bytes at `offset` (fewer at the end of the file). */
export type ReadChunk = (offset: number, length: number) => Promise<Uint8Array>;

/** Bytes read at a time: any sane header fits in the first chunk. */
export const HEAD_CHUNK = 1 << 16;

/** Reads chunk after chunk until the header line is complete (or the file ends) and returns its names. */
export async function headerFrom(read: ReadChunk, file: string): Promise<string[]> {
  let head = new Uint8Array(0);
  for (;;) {
    // Each read as long as all before it, so a header of many chunks is parsed O(log) times, not once a chunk.
    const want = Math.max(HEAD_CHUNK, head.length);
    const chunk = await read(head.length, want);
    const whole = chunk.length < want;
    const next = new Uint8Array(head.length + chunk.length);
    next.set(head);
    next.set(chunk, head.length);
    head = next;
    const header = readHeader(head, file, whole);
    if (header) return header.names;
  }
}

/** The header's column names of the file at `path`. */
export async function headerOfFile(path: string): Promise<string[]> {
  const handle = await fsp.open(path, 'r');
  try {
    return await headerFrom(async (offset, length) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    }, path);
  } finally {
    await handle.close();
  }
}
