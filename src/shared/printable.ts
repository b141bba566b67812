// Text that came from a data file (column names, cells, paths) made safe to show on one line: control characters
// (terminal escapes, BEL, line breaks) and bidirectional overrides are written as visible escapes, so a name can
// neither drive a terminal (set its title, recolour it) nor split or reorder a one-line message.

/** C0 and C1 controls, DEL, and the invisible marks that reorder text (Trojan Source) or break lines. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** `text` with every unsafe character written as an escape (\n, \e, \x07, \u202e). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * For a VS Code notification, which also turns "[label](command:...)" into a link that runs a command: the text
 * made printable, and "](" split so that no name from a data file becomes a link.
 */
export function forNotification(text: string): string {
  return printable(text).replace(/\]\(/g, '] (');
}
