// Streams entries out of a zip file (an .npz) with fflate, never holding the file or a whole entry in memory.
import { createReadStream } from 'node:fs';
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { throwIfCancelled } from '../errors';
import { unreadable, type FileKind } from './fileErrors';
import { LavaCancelled, LavaInputError } from '../../shared/errors';

/** Compressed bytes fed at a time: deflate expands at most ~1000-fold, so a push yields at most ~64 MB. */
const FEED = 1 << 16;

export interface ZipEntryHead {
  name: string;
  /** Uncompressed size, as the zip says. */
  size: number;
  /** The first bytes of the entry (up to the asked length). */
  head: Uint8Array;
}

function damaged(path: string, kind: FileKind, what: string): LavaInputError {
  return new LavaInputError(
    `is not a readable ${kind.name} file (${what})`,
    { file: path },
    'The file may be truncated or damaged: copy or save it again (numpy.savez or numpy.savez_compressed).',
  );
}

interface EntryPiece {
  name: string;
  chunk: Uint8Array;
  final: boolean;
}

/**
 * One pass over the zip, pulled by the consumer: each piece of the file goes to fflate, and the bytes of
 * the wanted entries that it gives are yielded before the next piece is read. Unwanted entries pass by.
 */
async function* pass(
  path: string,
  kind: FileKind,
  want: (file: UnzipFile) => boolean,
  signal: AbortSignal | undefined,
): AsyncGenerator<EntryPiece> {
  const open = new Set<string>();
  const out: EntryPiece[] = [];
  let failure: Error | null = null;
  const uz = new Unzip((file) => {
    if (!want(file)) return;
    open.add(file.name);
    file.ondata = (err, chunk, final) => {
      if (err !== null) failure ??= err;
      else {
        if (final) open.delete(file.name);
        out.push({ name: file.name, chunk, final });
      }
    };
    file.start();
  });
  uz.register(UnzipInflate);
  uz.register(UnzipPassThrough);
  const stream = createReadStream(path, { highWaterMark: FEED });
  try {
    for await (const piece of stream as AsyncIterable<Uint8Array>) {
      throwIfCancelled(signal);
      uz.push(piece);
      if (failure !== null) throw damaged(path, kind, (failure as Error).message);
      while (out.length > 0) yield out.shift() as EntryPiece;
    }
    uz.push(new Uint8Array(0), true);
    while (out.length > 0) yield out.shift() as EntryPiece;
  } catch (err) {
    throw asInputError(path, kind, err);
  } finally {
    stream.destroy();
  }
  if (failure !== null) throw damaged(path, kind, (failure as Error).message);
  if (open.size > 0) throw damaged(path, kind, `entry ${[...open][0]} is cut short`);
}

function asInputError(path: string, kind: FileKind, err: unknown): unknown {
  if (err instanceof LavaInputError || err instanceof LavaCancelled) return err;
  const mapped = unreadable(path, err, kind);
  if (mapped instanceof LavaInputError) return mapped;
  return damaged(path, kind, err instanceof Error ? err.message : String(err));
}

/** The entries of a zip with the first `headBytes` of each, in one pass. */
export async function zipEntryHeads(
  path: string,
  kind: FileKind,
  headBytes: number,
): Promise<ZipEntryHead[]> {
  const heads = new Map<string, { size: number; parts: Uint8Array[]; got: number }>();
  const want = (file: UnzipFile): boolean => {
    heads.set(file.name, { size: file.originalSize ?? -1, parts: [], got: 0 });
    return true;
  };
  for await (const { name, chunk } of pass(path, kind, want, undefined)) {
    const h = heads.get(name) as { parts: Uint8Array[]; got: number };
    if (h.got >= headBytes) continue;
    h.parts.push(chunk.slice(0, headBytes - h.got));
    h.got += Math.min(chunk.length, headBytes - h.got);
  }
  return [...heads].map(([name, h]) => ({ name, size: h.size, head: Buffer.concat(h.parts) }));
}

/** The bytes of entry `name` from byte `skip` on, streamed: the zip is read on only as they are taken. */
export async function* zipEntryBytes(
  path: string,
  kind: FileKind,
  name: string,
  skip: number,
  signal: AbortSignal | undefined,
): AsyncIterable<Uint8Array> {
  let skipped = 0;
  let found = false;
  for await (const piece of pass(path, kind, (f) => f.name === name, signal)) {
    found = true;
    let c = piece.chunk;
    if (skipped < skip) {
      const drop = Math.min(skip - skipped, c.length);
      skipped += drop;
      c = c.subarray(drop);
    }
    if (c.length > 0) yield c;
    if (piece.final) return;
  }
  if (!found) throw damaged(path, kind, `no entry ${name}`);
}
