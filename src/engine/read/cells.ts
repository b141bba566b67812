// Numbers from CSV cells: a fast exact path straight from bytes, and the checked slow path for everything else.

/**
 * Parse one cell as a finite number, else NaN. Number() already trims and accepts `1e-3`, `+2`, `.5`;
 * what it accepts beyond a decimal literal (blank, hex/binary/octal, Infinity) is rejected here.
 */
export function parseCell(s: string): number {
  const v = Number(s);
  if (v !== v || v === Infinity || v === -Infinity) return NaN;
  if (v === 0 && s.trim().length === 0) return NaN;
  if (hasRadixPrefix(s)) return NaN;
  return v;
}

function hasRadixPrefix(s: string): boolean {
  // Number() only accepts 0x/0b/0o without a sign, possibly after whitespace.
  let i = 0;
  while (i < s.length && s.charCodeAt(i) <= 0x20) i++;
  if (s.charCodeAt(i) !== 0x30 || i + 1 >= s.length) return false;
  const c = s.charCodeAt(i + 1) | 0x20;
  return c === 0x78 || c === 0x62 || c === 0x6f;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * A plain decimal (`-12.5e-3`, surrounding spaces allowed) straight from bytes, else NaN (then the
 * cell goes through parseCell). Exact: with at most 15 significant digits and a power of ten up to
 * 1e22 both operands are exact doubles, so one multiply or divide rounds correctly (Clinger's fast
 * path), giving the same double as Number(). Longer numbers take the slow path.
 */
export function fastNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === 0x20) i++;
  while (end > i && buf[end - 1] === 0x20) end--;
  if (i === end) return NaN;
  let negative = false;
  if (buf[i] === 0x2d) {
    negative = true;
    i++;
  } else if (buf[i] === 0x2b) i++;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  let c = 0;
  for (; i < end; i++) {
    c = buf[i] - 0x30;
    if (c < 0 || c > 9) break;
    digits++;
    if (mantissa !== 0 || c !== 0) {
      mantissa = mantissa * 10 + c;
      significant++;
    }
  }
  if (i < end && buf[i] === 0x2e) {
    for (i++; i < end; i++) {
      c = buf[i] - 0x30;
      if (c < 0 || c > 9) break;
      digits++;
      scale--;
      if (mantissa !== 0 || c !== 0) {
        mantissa = mantissa * 10 + c;
        significant++;
      }
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (buf[i] | 0x20) === 0x65) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) expNegative = buf[i++] === 0x2d;
    let exp = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = buf[i] - 0x30;
      if (c < 0 || c > 9 || exp > 1000) break;
      exp = exp * 10 + c;
      expDigits++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end || significant > 15) return NaN;
  let v: number;
  if (scale === 0 || mantissa === 0) v = mantissa;
  else if (scale > 0 && scale <= 22) v = mantissa * POW10[scale];
  else if (scale < 0 && scale >= -22) v = mantissa / POW10[-scale];
  else return NaN;
  return negative ? -v : v;
}
