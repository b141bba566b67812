// CSV records from bytes (RFC 4180 and the reader's extensions): field bounds per record, quoting problems by kind.

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** A typed array grown (doubling, at least 8) to hold `need` items, its contents kept. */
export function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  let cap = Math.max(8, a.length * 2);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Why the tokenizer stopped on malformed quoting; the builder turns it into a LavaInputError. */
export class QuoteProblem extends Error {
  constructor(
    readonly kind: 'unclosed' | 'after-closing',
    readonly field: number,
  ) {
    super(`quote problem (${kind}) at field ${field}`);
  }
}

/**
 * RFC 4180 records from bytes: quoted cells with doubled quotes, delimiters and line breaks
 * inside; a quote inside an unquoted cell is kept as text; line ends CRLF, LF or CR (mixed).
 * Field bounds of the current record go to `start`/`end`/`quoted`, reused from record to record.
 */
export class Tokenizer {
  start = new Int32Array(64);
  end = new Int32Array(64);
  quoted = new Uint8Array(64);

  constructor(
    private readonly delimiter: number,
    /** Called for every complete record with its field count and the line breaks inside its quoted cells. */
    private readonly onRecord: (buf: Buffer, fields: number, breaks: number) => void,
  ) {}

  /**
   * Parses every complete record of `buf` and returns where the first incomplete one starts.
   * One loop on purpose: it is the reader's hot path (a byte at a time), and calls out of it cost speed.
   */
  parse(buf: Buffer, final: boolean): number {
    const delim = this.delimiter;
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      const recordStart = pos;
      let n = 0;
      let breaks = 0;
      // Each turn reads one field; it ends the record at a line break (or at the end of input).
      for (;;) {
        if (n === this.start.length) {
          this.start = grow(this.start, n + 1);
          this.end = grow(this.end, n + 1);
          this.quoted = grow(this.quoted, n + 1);
        }
        let i: number;
        if (pos < len && buf[pos] === QUOTE) {
          i = pos + 1;
          let close = -1;
          while (i < len) {
            const b = buf[i];
            if (b === QUOTE) {
              if (i + 1 < len && buf[i + 1] === QUOTE) {
                i += 2;
                continue;
              }
              if (i + 1 === len && !final) return recordStart; // "" or closing: the next chunk says
              close = i;
              break;
            }
            if (b === LF) breaks++;
            else if (b === CR) {
              if (i + 1 === len && !final) return recordStart;
              if (buf[i + 1] !== LF) breaks++;
            }
            i++;
          }
          if (close < 0) {
            if (!final) return recordStart;
            throw new QuoteProblem('unclosed', n);
          }
          this.start[n] = pos + 1;
          this.end[n] = close;
          this.quoted[n] = 1;
          i = close + 1;
          if (i < len && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) {
            throw new QuoteProblem('after-closing', n);
          }
        } else {
          i = pos;
          while (i < len) {
            const b = buf[i];
            if (b === delim || b === LF || b === CR) break;
            i++;
          }
          this.start[n] = pos;
          this.end[n] = i;
          this.quoted[n] = 0;
        }
        n++;
        if (i >= len) {
          if (!final) return recordStart;
          pos = len;
          break;
        }
        if (buf[i] === delim) {
          pos = i + 1;
          continue;
        }
        if (buf[i] === CR) {
          if (i + 1 === len && !final) return recordStart;
          pos = buf[i + 1] === LF ? i + 2 : i + 1;
        } else {
          pos = i + 1;
        }
        break;
      }
      this.onRecord(buf, n, breaks);
    }
    return len;
  }
}
