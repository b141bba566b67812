// Step "read": stream a CSV (file or bytes) into a typed Table, with editor line numbers for every row.
import { createReadStream, promises as fsp } from 'node:fs';
import { throwIfCancelled } from '../errors';
import type { Column, Table } from '../types';
import { LavaInputError } from '../../shared/errors';
import { unreadable } from './fileErrors';
import { utf8Chunks } from './textEncoding';
import { fastNumber, parseCell } from './cells';
import { CR, LF, QUOTE, QuoteProblem, Tokenizer, grow } from './csvTokenizer';

export interface ReadTableOptions {
  signal?: AbortSignal;
  /** Fraction of the input consumed, 0..1; called at most about a hundred times. */
  onProgress?: (fraction: number) => void;
  /** For a header of more than MAX_COLUMNS names: the columns to read, or null when the run names none. */
  wideColumns?: WideColumns;
}

/** Which columns of a very wide header to read (the rest are skipped), or null if the run does not say. */
export type WideColumns = (header: string[]) => Set<string> | null;

/**
 * Columns read from one file at most, unless the run names which to read: every column costs memory for every
 * row, and a header of a million names is more often a broken file than data.
 */
export const MAX_COLUMNS = 100_000;

/** Read a CSV file from disk without holding its whole text in memory. */
export async function readTableFile(path: string, opts: ReadTableOptions = {}): Promise<Table> {
  let size: number;
  try {
    const st = await fsp.stat(path);
    if (st.isDirectory()) {
      throw new LavaInputError(
        'is a directory, not a CSV file',
        { file: path },
        'Pick a .csv file inside it instead.',
      );
    }
    size = st.size;
  } catch (err) {
    throw unreadable(path, err);
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    return await readTableChunks(stream as AsyncIterable<Uint8Array>, size, path, opts);
  } catch (err) {
    throw unreadable(path, err);
  } finally {
    stream.destroy();
  }
}

/** Read a CSV already in memory (the extension reads through workspace.fs); `file` names it in errors. */
export async function readTableBytes(
  bytes: Uint8Array,
  file: string,
  opts: ReadTableOptions = {},
): Promise<Table> {
  return readTableChunks(sliceChunks(bytes, 1 << 20), bytes.length, file, opts);
}

async function* sliceChunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    // Yield to the event loop between slices so that an abort can be delivered.
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    yield bytes.subarray(at, Math.min(bytes.length, at + size));
  }
}

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const TAB = 0x09;

/**
 * The one reader behind both entry points: delimiter sniffing, tokenizing, typed columns.
 * Exported for callers with their own byte source; `totalBytes` only scales progress.
 */
export async function readTableChunks(
  chunks: AsyncIterable<Uint8Array>,
  totalBytes: number,
  file: string,
  opts: ReadTableOptions,
): Promise<Table> {
  const { signal, onProgress } = opts;
  throwIfCancelled(signal);
  const sniff = new HeaderSniffer();
  let builder: TableBuilder | null = null;
  // Bytes not yet parsed: the unfinished last record, plus chunks held back while it is long
  // (parsing again only once the new bytes match its size keeps a huge quoted cell linear).
  let rest: Buffer = Buffer.alloc(0);
  let held: Buffer[] = [];
  let heldBytes = 0;
  let fed = 0;
  let lastReported = -1;

  const report = (): void => {
    if (onProgress === undefined || totalBytes <= 0) return;
    const pct = Math.floor((100 * fed) / totalBytes);
    if (pct > lastReported) {
      lastReported = pct;
      onProgress(Math.min(1, fed / totalBytes));
    }
  };

  for await (const chunk of utf8Chunks(chunks, file)) {
    throwIfCancelled(signal);
    fed += chunk.length;
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // The delimiter comes from the header line, so nothing is parsed before that line is complete.
    if (builder === null && sniff.feed(b))
      builder = new TableBuilder(file, sniff.delimiter(), opts.wideColumns);
    held.push(b);
    heldBytes += b.length;
    if (builder !== null && heldBytes >= rest.length) {
      const buf = Buffer.concat([rest, ...held]);
      held = [];
      heldBytes = 0;
      rest = buf.subarray(builder.parse(buf, false));
    }
    report();
  }
  throwIfCancelled(signal);
  builder ??= new TableBuilder(file, sniff.delimiter(), opts.wideColumns);
  builder.parse(Buffer.concat([rest, ...held]), true);
  const table = builder.finish();
  onProgress?.(1);
  return table;
}

/** Finds the end of the header line (outside quotes) and counts candidate delimiters on it. */
export class HeaderSniffer {
  private inQuotes = false;
  private counts = [0, 0, 0];
  private started = false;
  /** Bytes fed before the current chunk; after feed() returns true, `end` is where the header line ends. */
  private fed = 0;
  end = -1;

  /** Returns true once the header line is complete. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    if (!this.started && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      i = 3;
    }
    this.started = true;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) this.inQuotes = !this.inQuotes;
      else if (this.inQuotes) continue;
      else if (b === LF || b === CR) {
        this.end = this.fed + i;
        return true;
      } else if (b === COMMA) this.counts[0]++;
      else if (b === SEMICOLON) this.counts[1]++;
      else if (b === TAB) this.counts[2]++;
    }
    this.fed += chunk.length;
    return false;
  }

  /** The most frequent of comma, semicolon, tab on the header line (comma on ties or none). */
  delimiter(): string {
    const [c, s, t] = this.counts;
    if (s > c && s >= t) return ';';
    if (t > c && t > s) return '\t';
    return ',';
  }
}

/** One column while reading: numbers in a growable typed array; its text kept only while it could still be a text column. */
class ColumnBuilder {
  // Empty until the first cell: a wide header must not cost memory per column before a row is read.
  values = new Float64Array(0);
  bad = new Int32Array(0);
  badCount = 0;
  numericCount = 0;
  text: string[] | null = [];
  /** First row holding a number with a decimal comma ("1,5"); plainText: some other text shows it is no number column. */
  commaRow = -1;
  commaText = '';
  plainText = false;

  pushNumber(row: number, v: number): void {
    if (row >= this.values.length) this.values = grow(this.values, row + 1);
    this.values[row] = v;
    if (this.numericCount++ === 0) this.text = null;
  }

  pushText(row: number, cell: string): void {
    const v = parseCell(cell);
    if (v === v) {
      this.pushNumber(row, v);
      return;
    }
    if (row >= this.values.length) this.values = grow(this.values, row + 1);
    this.values[row] = NaN;
    if (this.badCount >= this.bad.length) this.bad = grow(this.bad, this.badCount + 1);
    this.bad[this.badCount++] = row;
    const trimmed = cell.trim();
    if (this.text !== null) this.text.push(trimmed);
    if (this.plainText || trimmed === '') return;
    if (!DECIMAL_COMMA.test(trimmed)) this.plainText = true;
    else if (this.commaRow < 0) {
      this.commaRow = row;
      this.commaText = trimmed;
    }
  }
}

/** A number as a European locale writes it: "1,5", "-0,25", "1.234,5", "2,5E-3". */
const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)?,\d+(e[+-]?\d+)?$/i;

export class TableBuilder {
  private readonly tokenizer: Tokenizer;
  private header: string[] | null = null;
  /** One per header name; null for a column skipped (a wide file's columns the run does not name). */
  private columns: (ColumnBuilder | null)[] = [];
  private lineOfRow = new Int32Array(1024);
  private rows = 0;
  /** 1-based line where the next record starts. */
  private line = 1;

  constructor(
    private readonly file: string,
    readonly delimiter: string,
    private readonly wideColumns?: WideColumns,
  ) {
    this.tokenizer = new Tokenizer(delimiter.charCodeAt(0), (buf, n, breaks) =>
      this.onRecord(buf, n, breaks),
    );
  }

  /** Parses the complete records of `buf`; returns where the unfinished one starts. */
  parse(buf: Buffer, final: boolean): number {
    // A BOM is only ever at the very start of the file, i.e. before the header.
    let from = 0;
    if (this.header === null && this.line === 1) {
      if (buf.length < 3 && !final && buf.length > 0 && buf[0] === 0xef) return 0;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
    }
    try {
      const used = this.tokenizer.parse(from === 0 ? buf : buf.subarray(from), final);
      return used + from;
    } catch (err) {
      if (!(err instanceof QuoteProblem)) throw err;
      throw err.kind === 'unclosed'
        ? new LavaInputError(
            'a quoted cell is never closed',
            { file: this.file, line: this.line, column: err.field + 1 },
            'Add the closing double quote ("), or double a quote that is part of the text ("").',
          )
        : new LavaInputError(
            'text follows the closing quote of a quoted cell',
            { file: this.file, line: this.line, column: err.field + 1 },
            'Put the whole cell inside the quotes, and double any quote that is part of the text ("").',
          );
    }
  }

  private cellText(buf: Buffer, k: number): string {
    const t = this.tokenizer;
    const s = buf.toString('utf8', t.start[k], t.end[k]);
    return t.quoted[k] === 1 && s.includes('""') ? s.replaceAll('""', '"') : s;
  }

  private onRecord(buf: Buffer, n: number, breaks: number): void {
    const t = this.tokenizer;
    const line = this.line;
    this.line += breaks + 1;
    if (n === 1 && t.quoted[0] === 0 && this.cellText(buf, 0).trim() === '') return; // a blank line
    if (this.header === null) {
      const names: string[] = [];
      for (let k = 0; k < n; k++) names.push(this.cellText(buf, k).trim());
      this.setHeader(names, line);
      return;
    }
    const m = this.header.length;
    if (n !== m) {
      throw new LavaInputError(
        `row has ${n} cell${n === 1 ? '' : 's'}, header has ${m}`,
        { file: this.file, line, column: Math.min(n, m) + 1 },
        n < m
          ? `Add the missing cell${m - n === 1 ? '' : 's'} (leave it empty for a missing value) or remove the row.`
          : `Remove the extra cell${n - m === 1 ? '' : 's'}, or quote cells that contain "${printable(this.delimiter)}".`,
      );
    }
    const r = this.rows++;
    if (r >= this.lineOfRow.length) this.lineOfRow = grow(this.lineOfRow, r + 1);
    this.lineOfRow[r] = line;
    const cols = this.columns;
    const start = t.start;
    const end = t.end;
    const quoted = t.quoted;
    for (let k = 0; k < m; k++) {
      const col = cols[k];
      if (col === null) continue;
      const v = quoted[k] === 1 ? NaN : fastNumber(buf, start[k], end[k]);
      if (v === v) col.pushNumber(r, v);
      else col.pushText(r, this.cellText(buf, k));
    }
  }

  private setHeader(names: string[], line: number): void {
    const seen = new Map<string, number>();
    names.forEach((name, j) => {
      if (name === '') {
        throw new LavaInputError(
          'empty column name in the header',
          { file: this.file, line, column: j + 1 },
          'Give every column a name; a nameless first column is often a pandas index (write the CSV with index=False, or name it "id").',
        );
      }
      const first = seen.get(name);
      if (first !== undefined) {
        throw new LavaInputError(
          `duplicate column name "${name}" (also column ${first + 1})`,
          { file: this.file, line, column: j + 1 },
          'Rename one of the two columns so that every name is unique.',
        );
      }
      seen.set(name, j);
    });
    this.header = names;
    const read = this.columnsToRead(names, line);
    this.columns = names.map((name) => (read === null || read.has(name) ? new ColumnBuilder() : null));
  }

  /** Every column (null), or for a header wider than MAX_COLUMNS the ones the run names. */
  private columnsToRead(names: string[], line: number): Set<string> | null {
    if (names.length <= MAX_COLUMNS) return null;
    const read = this.wideColumns?.(names) ?? null;
    if (read === null || read.size > MAX_COLUMNS)
      throw new LavaInputError(
        read === null
          ? `${names.length} columns, more than the ${MAX_COLUMNS} LAVA reads from one file`
          : `${read.size} columns named, more than the ${MAX_COLUMNS} LAVA reads from one file`,
        { file: this.file, line, column: MAX_COLUMNS + 1, option: 'features' },
        'Name the feature columns in {option:features} (and the embedding in {option:embedding}): only the columns named are then read.',
      );
    return read;
  }

  /** The column names once the header line is parsed. */
  get headerNames(): string[] | null {
    return this.header;
  }

  finish(): Table {
    const header = this.header;
    if (header === null) {
      throw new LavaInputError(
        'the file is empty',
        { file: this.file, line: 1 },
        'Write a header line with column names, then one line per sample.',
      );
    }
    if (this.rows === 0) {
      throw new LavaInputError(
        'no data rows after the header',
        { file: this.file, line: 2 },
        'Add one line per sample below the header.',
      );
    }
    const n = this.rows;
    this.checkDecimalCommas(header);
    const columns: Column[] = [];
    this.columns.forEach((c, j) => {
      if (c === null) return;
      columns.push(
        c.numericCount === 0 && c.text !== null
          ? { kind: 'text', name: header[j], index: j, values: c.text }
          : {
              kind: 'numeric',
              name: header[j],
              index: j,
              values: c.values.slice(0, n),
              bad: c.bad.slice(0, c.badCount),
            },
      );
    });
    return {
      file: this.file,
      header,
      rowCount: n,
      lineOfRow: this.lineOfRow.slice(0, n),
      columns,
      delimiter: this.delimiter,
    };
  }

  /**
   * A column whose only non-numbers are numbers with a decimal comma would be read as text (or lose those rows)
   * and the run would then complain about something else: say what it is. A comma-separated file cannot hold
   * them unquoted, so only other delimiters are checked.
   */
  private checkDecimalCommas(header: string[]): void {
    if (this.delimiter === ',') return;
    this.columns.forEach((c, j) => {
      if (c === null || c.commaRow < 0 || c.plainText) return;
      throw new LavaInputError(
        `"${c.commaText}" is a number with a decimal comma, which LAVA does not read as a number`,
        { file: this.file, line: this.lineOfRow[c.commaRow], column: j + 1, columnName: header[j] },
        'Save the file with decimal points ("1.5"): in Excel choose "." as the decimal separator, in pandas to_csv(decimal=".").',
      );
    });
  }
}

function printable(d: string): string {
  return d === '\t' ? 'tab' : d;
}
