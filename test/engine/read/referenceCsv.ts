// A small reference reader for the CSV grammar the engine promises (engine/read/table.ts), written for clarity over
// a JS string rather than for speed over bytes: the property test feeds both the same text and wants the same
// table or the same error place.
import { parseCell } from '../../../src/engine/read/cells';

export type RefColumn =
  { kind: 'text'; name: string; values: string[] } | { kind: 'numeric'; name: string; values: number[] };

export type RefResult =
  | { ok: true; delimiter: string; header: string[]; lineOfRow: number[]; columns: RefColumn[] }
  | { ok: false; line: number; column?: number };

class Refused extends Error {
  constructor(
    readonly line: number,
    readonly column?: number,
  ) {
    super(`refused at line ${line}`);
  }
}

/** The delimiter: the most frequent of , ; tab outside quotes on the first physical line (comma on ties). */
function sniff(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch in counts) counts[ch]++;
  }
  const [c, s, t] = [counts[','], counts[';'], counts['\t']];
  if (s > c && s >= t) return ';';
  if (t > c && t > s) return '\t';
  return ',';
}

interface CsvRecord {
  line: number;
  cells: string[];
  quoted: boolean[];
}

/**
 * RFC 4180 records, one at a time (a bad record is refused only once those before it are taken): quoted cells
 * ("" for a quote) may hold anything; a quote inside an unquoted cell is text.
 */
function* records(text: string, delim: string): Generator<CsvRecord> {
  let i = 0;
  let line = 1;
  const isBreak = (at: number) => text[at] === '\n' || text[at] === '\r';
  /** Consumes the line break at i (CRLF as one) and counts it. */
  const lineBreak = () => {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
  };
  while (i < text.length) {
    const rec: CsvRecord = { line, cells: [], quoted: [] };
    for (;;) {
      let cell = '';
      const quoted = text[i] === '"';
      if (quoted) {
        i++;
        for (;;) {
          if (i >= text.length) throw new Refused(rec.line, rec.cells.length + 1);
          if (text[i] === '"' && text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else if (isBreak(i)) {
            const start = i;
            lineBreak();
            cell += text.slice(start, i);
          } else cell += text[i++];
        }
        if (i < text.length && text[i] !== delim && !isBreak(i))
          throw new Refused(rec.line, rec.cells.length + 1);
      } else {
        while (i < text.length && text[i] !== delim && !isBreak(i)) cell += text[i++];
      }
      rec.cells.push(cell);
      rec.quoted.push(quoted);
      if (i < text.length && text[i] === delim) {
        i++;
        continue;
      }
      if (i < text.length) lineBreak();
      break;
    }
    yield rec;
  }
}

/** The table the engine should read from `text`, or where it should refuse it. */
export function referenceRead(withBom: string): RefResult {
  const text = withBom.startsWith('\uFEFF') ? withBom.slice(1) : withBom;
  const delimiter = sniff(text);
  try {
    let header: string[] | null = null;
    let headerLine = 0;
    const rows: CsvRecord[] = [];
    for (const r of records(text, delimiter)) {
      if (r.cells.length === 1 && !r.quoted[0] && r.cells[0].trim() === '') continue; // a blank line
      if (header === null) {
        header = r.cells.map((c) => c.trim());
        headerLine = r.line;
        checkNames(header, headerLine);
      } else if (r.cells.length !== header.length) {
        throw new Refused(r.line, Math.min(r.cells.length, header.length) + 1);
      } else rows.push(r);
    }
    if (header === null) throw new Refused(1);
    if (rows.length === 0) throw new Refused(2);
    const columns = header.map((name, j) => column(name, j, rows, delimiter));
    return { ok: true, delimiter, header, lineOfRow: rows.map((r) => r.line), columns };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, line: e.line, ...(e.column ? { column: e.column } : {}) };
    throw e;
  }
}

/** Every name given, once. */
function checkNames(header: string[], line: number): void {
  header.forEach((name, j) => {
    if (name === '' || header.indexOf(name) < j) throw new Refused(line, j + 1);
  });
}

const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)?,\d+(e[+-]?\d+)?$/i;

/** A column: numeric when any cell is a number (the rest NaN), else text; decimal commas refused off commas. */
function column(name: string, j: number, rows: CsvRecord[], delimiter: string): RefColumn {
  const cells = rows.map((r) => r.cells[j]);
  const numbers = cells.map(parseCell);
  const others = cells.filter((c, r) => Number.isNaN(numbers[r]) && c.trim() !== '').map((c) => c.trim());
  if (delimiter !== ',' && others.length > 0 && others.every((c) => DECIMAL_COMMA.test(c))) {
    const first = cells.findIndex((c) => DECIMAL_COMMA.test(c.trim()));
    throw new Refused(rows[first].line, j + 1);
  }
  if (numbers.every(Number.isNaN)) return { kind: 'text', name, values: cells.map((c) => c.trim()) };
  return { kind: 'numeric', name, values: numbers };
}
