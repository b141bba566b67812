// The settings layer of a run's options, from what VS Code says was explicitly set (pure: unit-tested without VS Code).
import { SETTING_NAMES, checkParam } from '../shared/params/spec';
import { LavaInputError } from '../shared/errors';
import { SETTINGS_SECTION } from '../shared/params/names';
import type { LavaParams } from '../shared/params/types';

export { SETTINGS_SECTION };

/** What `WorkspaceConfiguration.inspect` tells about one key (the subset we use; pure for tests). */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * Builds the settings layer from each key's explicitly set values (folder > workspace > user).
 * A value equal to the package.json default that the user never set stays out, so the panel says "default".
 * Throws LavaInputError naming the option when a value is out of range (settings.json can hold anything);
 * the extension renders the option as its setting (lava.x).
 */
export function paramsFromSettings(
  inspect: (name: keyof LavaParams) => SettingLayers | undefined,
): Partial<LavaParams> {
  const out: Partial<LavaParams> = {};
  for (const name of SETTING_NAMES) {
    const layers = inspect(name);
    if (!layers) continue;
    const raw = layers.workspaceFolderValue ?? layers.workspaceValue ?? layers.globalValue;
    if (raw === undefined) continue;
    const checked = checkParam(name, raw);
    if ('problem' in checked) {
      throw new LavaInputError(
        `the setting ${checked.problem}`,
        { file: 'settings.json', option: name },
        `Fix {option:${name}} in the settings (or remove it to use the default).`,
      );
    }
    (out as Record<string, unknown>)[name] = checked.value;
  }
  return out;
}
