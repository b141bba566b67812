// How a result's k was set, in the words the CLI summary and the explorer's header both use.
import type { LavaResult } from './types';

/** "k = 3 chosen by stability from 2..16" (or given, or picked after a run, or no k stable). */
export function howK(result: Pick<LavaResult, 'moduleSelection' | 'params'>): string {
  const sel = result.moduleSelection;
  const [lo, hi] = result.params.modulesRange;
  const stable = sel.candidates.some((c) => c.stability >= result.params.minStability);
  if (sel.mode === 'auto')
    return stable
      ? `k = ${sel.chosen} chosen by stability from ${lo}..${hi}`
      : `no k in ${lo}..${hi} was stable; k = ${sel.chosen}, the smallest`;
  return sel.autoChosen !== undefined
    ? `k = ${sel.chosen} picked; stability chose ${sel.autoChosen} from ${lo}..${hi}`
    : `k = ${sel.chosen} given`;
}

/** "3 strong modules (k = 3 chosen by stability from 2..16), 1 weak" */
export function moduleCountLine(result: Pick<LavaResult, 'moduleSelection' | 'params' | 'modules'>): string {
  const strong = result.modules.filter((m) => m.strong).length;
  const weak = result.modules.length - strong;
  return `${strong} strong module${strong === 1 ? '' : 's'} (${howK(result)}), ${weak} weak`;
}
