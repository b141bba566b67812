// The heatmap's measures: label margin, cell size, label thinning and the whole view's size.
import { pairIndex } from '../../../src/shared/result/pairs';

export const round = (v: number) => Math.round(v * 100) / 100;

/** The colour key under the matrix: its bar, the bar's end values, and the unit on a line of its own. */
export const KEY_HEIGHT = 40;

/** Every k-th label, so labels never overlap (about 11 px of text height each). */
export function labelStep(cell: number): number {
  return Math.max(1, Math.ceil(11 / cell));
}

export interface HeatmapGeometry {
  F: number;
  /** Room for the row and column labels, px. */
  margin: number;
  cell: number;
  /** The matrix's side, px. */
  matrix: number;
  /** Label every step-th feature. */
  step: number;
  fontSize: number;
  width: number;
  height: number;
}

export function heatmapGeometry(features: readonly string[], size: number): HeatmapGeometry {
  const F = features.length;
  const longest = features.reduce((m, f) => Math.max(m, f.length), 0);
  // About 7 px a character at the labels' 11 px: capitals and digits (gene symbols such as S100A8) are the widest.
  const margin = Math.min(100, 8 + longest * 7);
  const cell = Math.max(0.25, (size - margin - KEY_HEIGHT) / Math.max(F, 1));
  const matrix = round(cell * F);
  return {
    F,
    margin,
    cell,
    matrix,
    step: labelStep(cell),
    fontSize: Math.min(11, Math.max(7, cell * 0.8)),
    width: round(margin + matrix + 4),
    height: round(margin + matrix + KEY_HEIGHT),
  };
}

export function formatWeight(v: number): string {
  return (v > 0 ? '+' : '') + v.toFixed(3);
}

/** The weight of cell (i, j) in either triangle; the diagonal has none. */
export function cellWeight(pattern: Float32Array, F: number, i: number, j: number): number {
  return i === j ? 0 : pattern[pairIndex(i, j, F)];
}
