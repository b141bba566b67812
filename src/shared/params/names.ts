// How each side names an option key in its own words: the CLI as a kebab-case flag, the extension as a setting.
// Errors carry the key ({option:key}, see ../errors.ts) and each side renders it with one of these.
import type { OptionNamer } from '../errors';
import { PATH_PARAMS } from './types';

/** maxFeatures -> --max-features: the CLI flag of an option. */
export const flagName: OptionNamer = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The settings section of every option: lava.maxFeatures. */
export const SETTINGS_SECTION = 'lava';

/**
 * maxFeatures -> lava.maxFeatures: the VS Code setting of an option. File options are no settings (they belong to
 * one data file): they are named as a .lava.json key, which "Explain Dataset with Options..." also sets.
 */
export const settingName: OptionNamer = (key) =>
  (PATH_PARAMS as readonly string[]).includes(key)
    ? `"${key}" (in .lava.json)`
    : `${SETTINGS_SECTION}.${key}`;

/** The key itself, for texts that name it as written in a .lava.json or a quick pick. */
export const plainName: OptionNamer = (key) => key;
