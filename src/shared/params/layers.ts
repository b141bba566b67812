// Option layers merged over the defaults (later layers win), remembering where each value came from.
import { DEFAULT_PARAMS, type LavaParams } from './types';
import { PARAM_NAMES } from './spec';

/** Merges option layers over the defaults; later layers win. Records where each value came from. */
export function mergeParams(layers: { source: string; params: Partial<LavaParams> }[]): {
  params: LavaParams;
  sources: Record<keyof LavaParams, string>;
} {
  const params: LavaParams = { ...DEFAULT_PARAMS, directBounds: [...DEFAULT_PARAMS.directBounds] };
  const sources = Object.fromEntries(PARAM_NAMES.map((n) => [n, 'default'])) as Record<keyof LavaParams, string>;
  for (const layer of layers) {
    for (const name of PARAM_NAMES) {
      const v = layer.params[name];
      if (v === undefined) continue;
      (params as unknown as Record<string, unknown>)[name] = v;
      sources[name] = layer.source;
    }
  }
  return { params, sources };
}
