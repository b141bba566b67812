// One colour per module, in legend order: its swatch, its activity ramp on the map, its active rows in the pair view.
import type { ModuleResult } from '../../../src/shared/result/types';
import { categoricalPalette, type Theme } from '../../util/colors';

export function moduleColors(theme: Theme, count: number): string[] {
  return categoricalPalette(theme, count);
}

export function moduleColor(theme: Theme, modules: readonly ModuleResult[], m: ModuleResult): string {
  return moduleColors(theme, modules.length)[modules.indexOf(m)] ?? theme.orange;
}
