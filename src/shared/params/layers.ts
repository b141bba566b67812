// Option layers merged over the defaults in one fixed order, remembering where each value came from.
// The CLI and the extension both resolve through here, so a result says "config" or "command" the same way.
import { DEFAULT_PARAMS, type LavaParams } from './types';
import { PARAM_NAMES } from './spec';

/** Where a value came from, lowest precedence first. */
export const PARAM_SOURCES = ['default', 'settings', 'config', 'command'] as const;
export type ParamSource = (typeof PARAM_SOURCES)[number];

/** The layers a run may have; the CLI has no settings, the extension has all three. */
export interface ParamLayers {
  /** VS Code's lava.* settings the user set. */
  settings?: Partial<LavaParams>;
  /** The options a .lava.json gives this data file. */
  config?: Partial<LavaParams>;
  /** Command-line flags, or the options picked for one command in the extension. */
  command?: Partial<LavaParams>;
}

export interface ResolvedParams {
  params: LavaParams;
  sources: Record<keyof LavaParams, ParamSource>;
}

/** Merges `layers` over the defaults: command over config over settings. Records where each value came from. */
export function resolveParams(layers: ParamLayers): ResolvedParams {
  const [lo, hi] = DEFAULT_PARAMS.directBounds;
  const [kLo, kHi] = DEFAULT_PARAMS.modulesRange;
  const params: LavaParams = { ...DEFAULT_PARAMS, directBounds: [lo, hi], modulesRange: [kLo, kHi] };
  const sources = Object.fromEntries(PARAM_NAMES.map((n) => [n, 'default'])) as Record<
    keyof LavaParams,
    ParamSource
  >;
  for (const source of PARAM_SOURCES) {
    const layer = source === 'default' ? undefined : layers[source];
    if (!layer) continue;
    for (const name of PARAM_NAMES) {
      const v = layer[name];
      if (v === undefined) continue;
      (params as unknown as Record<string, unknown>)[name] = v;
      sources[name] = source;
    }
  }
  return { params, sources };
}
