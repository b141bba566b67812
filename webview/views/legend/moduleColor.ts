// One colour per module, in legend order: its swatch, its activity ramp on the map, its active rows in the pair view.
import type { ModuleResult } from '../../../src/shared/result/types';
import { modulePalette, type Theme } from '../../util/colors';

/** The module palette (util/colors.ts), distinct from the labels'; the same in every theme. */
export function moduleColors(_theme: Theme, count: number): string[] {
  return modulePalette(count);
}

export function moduleColor(theme: Theme, modules: readonly ModuleResult[], m: ModuleResult): string {
  return moduleColors(theme, modules.length)[modules.indexOf(m)] ?? theme.orange;
}
