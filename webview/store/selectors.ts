// Values derived from the state that several views read.
import type { ModuleResult } from '../../src/shared/result/types';
import type { ExplorerState } from './state';

export function selectedModule(s: ExplorerState): ModuleResult | null {
  return s.result?.modules.find((m) => m.id === s.selectedModule) ?? null;
}

/** The locality the heatmap is about (loaded or not), or null when it shows the module. */
export function shownLocality(s: ExplorerState): number | null {
  return s.heatmapOf === 'locality' && s.locality ? s.locality.key : null;
}
