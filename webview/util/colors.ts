// Colour scales built from the VS Code theme's --vscode-* variables, so every view reads in light, dark and high contrast.
import { color, interpolateLab, schemeObservable10 } from 'd3';
import { wcagContrast } from 'culori';

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

/**
 * Label colours: d3's Observable 10, then ten more picked for CIEDE2000 distance from them and each other. The
 * theme's chart colours are not used: in Light+ orange and yellow, and blue and Tableau's blue, were near twins.
 * test/webview/util/palette.test.ts holds the floors (pairs, backgrounds) in light and dark themes.
 */
export const LABEL_COLORS: readonly string[] = [
  ...schemeObservable10,
  '#28605a',
  '#9c0451',
  '#545b04',
  '#a20a01',
  '#5d4d70',
  '#b3b185',
  '#339eb5',
  '#cea48c',
  '#a582a1',
  '#734847',
];

/**
 * Module colours: distinct from the first ten label colours, so a module's swatch or activity never reads as a
 * label on a map coloured by label; chosen by CIEDE2000 distance like the labels', off light and dark backgrounds.
 */
export const MODULE_COLORS: readonly string[] = [
  '#aa295f',
  '#17726d',
  '#626a09',
  '#1f93b8',
  '#9f9b60',
  '#715685',
  '#af2c1f',
  '#b0727b',
  '#ab8abb',
  '#d6812e',
];

const cycle = (colors: readonly string[], count: number) =>
  Array.from({ length: count }, (_, k) => colors[k % colors.length]);

/** `count` label colours (they repeat past 20; more categories than that are folded into "other"). */
export function categoricalPalette(count: number): string[] {
  return cycle(LABEL_COLORS, count);
}

/** `count` module colours, in module order. */
export function modulePalette(count: number): string[] {
  return cycle(MODULE_COLORS, count);
}

/**
 * The colour that marks what is picked (the selected locality's probe and rows): the theme's focus colour, mixed
 * towards the foreground until it has WCAG contrast 4.5 with the background (Dark+'s focus blue has 3.96).
 */
export function highlightColor(theme: Theme): string {
  for (let t = 0; t <= 1; t += 0.1) {
    const c = mix(theme.focusBorder, theme.foreground, t);
    if (wcagContrast(c, theme.background) >= 4.5) return c;
  }
  return theme.foreground;
}
