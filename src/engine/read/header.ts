// The header of a CSV from its first bytes, by the same rules as the table reader (BOM, quotes, delimiter
// sniffing): the extension's options wizard and "Open File at Line" use these, so all three agree.
import { HeaderSniffer, TableBuilder } from './table';

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
  const sniff = new HeaderSniffer();
  const complete = sniff.feed(head);
  if (!complete && !whole) return null;
  const delimiter = sniff.delimiter();
  const builder = new TableBuilder(file, delimiter);
  const bytes = Buffer.from(head.buffer, head.byteOffset, complete ? sniff.end : head.byteLength);
  builder.parse(bytes, true);
  return { names: builder.headerNames ?? [], delimiter };
}
