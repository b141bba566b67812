// Category and module colours that stay apart: CIEDE2000 distance above a floor for every pair, against the
// light and dark backgrounds, and the picked locality's colour readable in the dark theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differenceCiede2000, wcagContrast } from 'culori';
import {
  categoricalPalette,
  highlightColor,
  LABEL_COLORS,
  mix,
  modulePalette,
  MODULE_COLORS,
  type Theme,
} from '../../../webview/util/colors';
import { testTheme } from '../dom';

const dE = differenceCiede2000();

/** VS Code's Dark+ values for the variables the explorer reads. */
function darkTheme(): Theme {
  const t = { ...testTheme(), background: '#1e1e1e', foreground: '#cccccc', focusBorder: '#007fd4' };
  return { ...t, muted: mix(t.background, t.foreground, 0.35) };
}

/** The closest pair of `colors` and their distance. */
function closest(colors: readonly string[], others: readonly string[] = colors): [number, string, string] {
  let best: [number, string, string] = [Infinity, '', ''];
  colors.forEach((a, i) =>
    others.forEach((b, j) => {
      if (others === colors && j <= i) return;
      const d = dE(a, b);
      if (d < best[0]) best = [d, a, b];
    }),
  );
  return best;
}

test('the first 10 label colours are at least 15 apart (CIEDE2000), all 20 at least 15', () => {
  // Tableau 10 after the theme colours had item1/item5 (orange/yellow) at 6 and item0/item6 (two blues) near it.
  const [d10, a, b] = closest(categoricalPalette(10));
  assert.ok(d10 >= 15, `${a} and ${b} are only ${d10.toFixed(1)} apart`);
  const [d20, c, e] = closest(categoricalPalette(20));
  assert.ok(d20 >= 15, `${c} and ${e} are only ${d20.toFixed(1)} apart`);
  assert.equal(new Set(LABEL_COLORS).size, 20);
});

test('module colours are at least 15 apart and at least 15 from every one of the first 10 label colours', () => {
  const [dm, a, b] = closest(modulePalette(10));
  assert.ok(dm >= 15, `modules ${a} and ${b}: ${dm.toFixed(1)}`);
  const [dx, m, l] = closest(MODULE_COLORS, LABEL_COLORS.slice(0, 10));
  assert.ok(dx >= 15, `module ${m} and label ${l}: ${dx.toFixed(1)}`);
});

test('every label and module colour stands off the light and the dark background', () => {
  for (const bg of [testTheme().background, darkTheme().background])
    for (const c of [...LABEL_COLORS, ...MODULE_COLORS])
      assert.ok(dE(c, bg) >= 20, `${c} on ${bg}: ${dE(c, bg).toFixed(1)}`);
});

test('the picked locality is marked in a colour with contrast 4.5 in light and dark themes', () => {
  for (const t of [testTheme(), darkTheme()]) {
    const c = highlightColor(t);
    assert.ok(
      wcagContrast(c, t.background) >= 4.5,
      `${c} on ${t.background}: ${wcagContrast(c, t.background)}`,
    );
  }
  // Light+'s focus colour already has it and is kept; Dark+'s (3.96) is lightened.
  assert.equal(highlightColor(testTheme()), testTheme().focusBorder);
  assert.notEqual(highlightColor(darkTheme()), darkTheme().focusBorder);
});
