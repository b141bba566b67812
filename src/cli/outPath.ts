// Checks of --out made before any computing: the result must be writable where asked, and never replace an
// input, whatever path (symlinked folder, hard link, relative form) names the same file.
import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LavaCancelled, LavaInputError } from '../shared/errors';

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The real path `out` would be written at: its folder's real path and its own name (or its target, if it exists). */
function realTarget(out: string): string {
  const existing = statOrNull(out);
  return existing ? realpathSync(out) : resolve(realpathSync(dirname(resolve(out))), basename(out));
}

/** Throws a LavaInputError naming `out` when it cannot be written, or when it is one of `inputs`. */
export function checkOutPath(out: string, inputs: string[]): void {
  const folder = dirname(resolve(out));
  const dir = statOrNull(folder);
  if (!dir?.isDirectory())
    throw new LavaInputError(
      'the folder of --out does not exist',
      { file: out },
      `Create ${folder} first, or choose another --out path.`,
    );
  const target = statOrNull(out);
  if (target?.isDirectory())
    throw new LavaInputError(
      '--out names a folder',
      { file: out },
      'Name a file in it, e.g. --out results/data.lava.json.',
    );
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new LavaInputError(
      'cannot write into the folder of --out (permission denied)',
      { file: out },
      'Choose a folder you can write to.',
    );
  }
  const real = realTarget(out);
  for (const input of inputs) {
    const st = statOrNull(input);
    if (!st) continue; // a missing input is reported by the step that reads it
    const same =
      realpathSync(input) === real || (target !== null && target.ino === st.ino && target.dev === st.dev);
    if (same)
      throw new LavaInputError(
        `--out names an input file (${input})`,
        { file: out },
        'Choose another --out path; the input is never overwritten.',
      );
  }
}

/** A failed write of the result as an input error naming --out (exit 2); anything but a file-system error passes. */
export function unwritable(out: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof LavaCancelled || typeof code !== 'string') return e;
  return new LavaInputError(
    `cannot write the result (${code})`,
    { file: out },
    'Check that the folder of --out still exists, that you may write there and that the disk has room.',
  );
}
