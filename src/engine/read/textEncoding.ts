// The text encodings a CSV may come in: UTF-8 is read as it is; UTF-16 (Excel's "Unicode text", PowerShell's
// default) is recognised by its byte order mark, or by the zero bytes of ASCII text, and decoded to UTF-8 as it
// streams, so line and column numbers stay those of the text. Other binary files are refused by name.
import { TextDecoder } from 'node:util';
import { LavaInputError } from '../../shared/errors';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** Bytes looked at before the rest: enough to tell UTF-16 by its zero bytes, and a binary file by any. */
const HEAD_BYTES = 4096;

/** UTF-16 by its byte order mark, or by ASCII characters with a zero high byte; null for anything else. */
export function detectUtf16(head: Uint8Array): Utf16 | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length < 4) return null;
  const [a, b, c, d] = head;
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  return null;
}

/** Text files hold no zero byte; zip (xlsx), gzip and other binary files, or UTF-16 without a BOM, do. */
export function checkNotBinary(head: Uint8Array, file: string): void {
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  if (zip)
    throw new LavaInputError(
      'is a zip archive (an Excel .xlsx?), not a CSV text file',
      { file },
      'Export it as CSV (UTF-8), e.g. "CSV UTF-8" in Excel.',
    );
  if (head.indexOf(0) >= 0)
    throw new LavaInputError(
      'holds zero bytes: binary data, or UTF-16 text without a byte order mark, not CSV text',
      { file },
      'Save it as CSV in UTF-8 (e.g. "CSV UTF-8" in Excel, DataFrame.to_csv in pandas).',
    );
}

/** The head's encoding, after refusing a binary head: UTF-16 to decode, or null for UTF-8 as it is. */
function headEncoding(head: Uint8Array, file: string): Utf16 | null {
  const enc = detectUtf16(head);
  if (enc === null) checkNotBinary(head, file);
  return enc;
}

/** The first bytes of a file in UTF-8 (UTF-16 decoded, a character split at the end left out), by the rules of utf8Chunks. */
export function headAsUtf8(head: Uint8Array, file: string): Uint8Array {
  const enc = headEncoding(head.subarray(0, HEAD_BYTES), file);
  return enc ? Buffer.from(new TextDecoder(enc).decode(head, { stream: true }), 'utf8') : head;
}

/**
 * The chunks of a file as UTF-8: UTF-16 input decoded as it streams (BOM dropped), anything else passed
 * through. The first HEAD_BYTES decide, whatever the chunking; a binary head is refused naming `file`.
 */
export async function* utf8Chunks(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncIterable<Uint8Array> {
  let decoder: TextDecoder | null = null;
  let head: Buffer | null = Buffer.alloc(0);
  const decoded = (bytes: Uint8Array): Uint8Array =>
    decoder ? Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8') : bytes;
  for await (const chunk of chunks) {
    if (head === null) {
      yield decoded(chunk);
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < HEAD_BYTES) continue;
    const enc = headEncoding(head, file);
    if (enc) decoder = new TextDecoder(enc);
    yield decoded(head);
    head = null;
  }
  if (head !== null) {
    // The whole file is shorter than the head.
    const enc = headEncoding(head, file);
    if (enc) decoder = new TextDecoder(enc);
    yield decoded(head);
  }
  const tail = decoder?.decode() ?? '';
  if (tail) yield Buffer.from(tail, 'utf8');
}
