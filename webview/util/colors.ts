// Colour scales built from the VS Code theme's --vscode-* variables, so every view reads in light, dark and high contrast.
import { color, interpolateLab, schemeTableau10 } from 'd3';

/** Resolved theme colours (hex), read once per render from the CSS variables VS Code sets on <html>. */
export interface Theme {
  foreground: string;
  background: string;
  focusBorder: string;
  /** Foreground mixed into the background: axes, zero-activity points, empty cells. */
  muted: string;
  red: string;
  blue: string;
  green: string;
  yellow: string;
  orange: string;
  purple: string;
  fontFamily: string;
}

/** Fallbacks are VS Code's Light+ values: used outside VS Code (tests, exported files) when a variable is unset. */
export const LIGHT_THEME_FALLBACK: Omit<Theme, 'muted'> = {
  foreground: '#3b3b3b',
  background: '#ffffff',
  focusBorder: '#005fb8',
  red: '#e51400',
  blue: '#1a85ff',
  green: '#388a34',
  yellow: '#bf8803',
  orange: '#d18616',
  purple: '#652d90',
  fontFamily: 'sans-serif',
};

const VARIABLES: Record<keyof Omit<Theme, 'muted'>, string> = {
  foreground: '--vscode-foreground',
  background: '--vscode-editor-background',
  focusBorder: '--vscode-focusBorder',
  red: '--vscode-charts-red',
  blue: '--vscode-charts-blue',
  green: '--vscode-charts-green',
  yellow: '--vscode-charts-yellow',
  orange: '--vscode-charts-orange',
  purple: '--vscode-charts-purple',
  fontFamily: '--vscode-font-family',
};

function hex(value: string, fallback: string): string {
  const c = color(value.trim());
  return c ? c.formatHex() : fallback;
}

/** Reads the theme from computed styles; unset or unparsable variables fall back to Light+. */
export function readTheme(
  root: Element | null = typeof document !== 'undefined' ? document.documentElement : null,
): Theme {
  const style = root && typeof getComputedStyle === 'function' ? getComputedStyle(root) : null;
  const get = (key: keyof typeof VARIABLES): string => style?.getPropertyValue(VARIABLES[key]) ?? '';
  const t = { ...LIGHT_THEME_FALLBACK } as Theme;
  for (const key of Object.keys(VARIABLES) as (keyof typeof VARIABLES)[]) {
    const v = get(key);
    if (key === 'fontFamily') t.fontFamily = v.trim() || LIGHT_THEME_FALLBACK.fontFamily;
    else t[key] = hex(v, LIGHT_THEME_FALLBACK[key]);
  }
  t.muted = mix(t.background, t.foreground, 0.35);
  return t;
}

/** Lab mix of two colours, t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  return color(interpolateLab(a, b)(t))?.formatHex() ?? a;
}

/**
 * Signed weights: zero is the background (so empty cells disappear in any theme), positive runs to
 * charts.red and negative to charts.blue. The sqrt keeps weak-but-present weights visible.
 */
export function divergingColor(theme: Theme, maxAbs: number): (v: number) => string {
  const pos = interpolateLab(theme.background, theme.red);
  const neg = interpolateLab(theme.background, theme.blue);
  const cache = new Map<number, string>();
  return (v: number) => {
    const t = Math.min(1, Math.abs(v) / maxAbs);
    // 64 levels per side: enough for the eye, and it keeps canvas fills and snapshot text small.
    const level = Math.round(t * 64) * Math.sign(v);
    let c = cache.get(level);
    if (c === undefined) {
      c = level === 0 ? theme.background : color((level > 0 ? pos : neg)(Math.abs(level) / 64))!.formatHex();
      cache.set(level, c);
    }
    return c;
  };
}

/** Sequential palette of `levels` colours from the muted colour to an accent (low values recede, high stand out). */
export function sequentialPalette(theme: Theme, accent: string, levels = 32): string[] {
  const f = interpolateLab(theme.muted, accent);
  const out: string[] = [];
  for (let k = 0; k < levels; k++) out.push(color(f(levels === 1 ? 1 : k / (levels - 1)))!.formatHex());
  return out;
}

/** Categorical palette: the theme's chart colours first (they are tuned per theme), then Tableau 10. */
export function categoricalPalette(theme: Theme, count: number): string[] {
  const base = [
    theme.blue,
    theme.orange,
    theme.green,
    theme.red,
    theme.purple,
    theme.yellow,
    ...schemeTableau10,
  ];
  const unique = Array.from(new Set(base));
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(unique[k % unique.length]);
  return out;
}
