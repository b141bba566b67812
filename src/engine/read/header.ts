// The header of a CSV from its first bytes, by the same rules as the table reader (UTF-16, BOM, quotes, delimiter
// sniffing): the extension's options wizard and "Open File at Line" use these, so all three agree.
import { HeaderSniffer, TableBuilder } from './table';
import { headAsUtf8 } from './textEncoding';

/** The delimiter the table reader would use for a file starting with `head`. */
export function sniffDelimiter(head: Uint8Array): string {
  const sniff = new HeaderSniffer();
  sniff.feed(head);
  return sniff.delimiter();
}

/**
 * The column names and delimiter of a file starting with `head`, or null when `head` ends before the header
 * line does (read more). `whole` says `head` is the entire file, so a header without a line break is complete.
 * A bad header (empty or duplicate name, broken quotes) is the same LavaInputError the run would give.
 */
export function readHeader(
  head: Uint8Array,
  file: string,
  whole = false,
): { names: string[]; delimiter: string } | null {
  const text = headAsUtf8(head, file);
  const sniff = new HeaderSniffer();
  const complete = sniff.feed(text);
  if (!complete && !whole) return null;
  const delimiter = sniff.delimiter();
  // Every name, however wide the header: no column is read here, so none is kept.
  const builder = new TableBuilder(file, delimiter, () => new Set());
  const bytes = Buffer.from(text.buffer, text.byteOffset, complete ? sniff.end : text.byteLength);
  builder.parse(bytes, true);
  return { names: builder.headerNames ?? [], delimiter };
}
