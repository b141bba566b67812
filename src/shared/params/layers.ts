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
  /** Every option with a value; options without a default (isOptional) only when some layer set them. */
  sources: Partial<Record<keyof LavaParams, ParamSource>>;
}

/**
 * Merges `layers` over the defaults: command over config over settings. Records where each value came from.
 * Both objects list the options in the table's order, whichever layer set them (same options, same bytes).
 */
export function resolveParams(layers: ParamLayers): ResolvedParams {
  const params: Record<string, unknown> = {};
  const sources: Partial<Record<keyof LavaParams, ParamSource>> = {};
  for (const name of PARAM_NAMES) {
    let value: unknown = name === 'directBounds' ? [...DEFAULT_PARAMS.directBounds] : DEFAULT_PARAMS[name];
    let from: ParamSource = 'default';
    for (const source of PARAM_SOURCES) {
      const v = source === 'default' ? undefined : layers[source]?.[name];
      if (v !== undefined) [value, from] = [v, source];
    }
    if (value === undefined) continue; // an option without a default that nobody set
    params[name] = value;
    sources[name] = from;
  }
  return { params: params as unknown as LavaParams, sources };
}
