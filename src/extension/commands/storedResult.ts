// Reading a result file the extension did not necessarily write: checked before use (shape, every option in
// range), its data path resolved from its own folder, and whether reading that data needs the user's consent.
import { z } from 'zod';
import { resultFromFile } from '../../engine/io/resultFile';
import { parseResult } from '../../shared/result/validate';
import { LavaParamsSchema } from '../../shared/params/spec';
import { LavaInputError } from '../../shared/errors';
import type { LavaResult } from '../../shared/result/types';
import { isInside } from './resultFiles';

/** A result file's text, checked (shape and every option's range), with its data and config paths made absolute. */
export function parseStoredResult(text: string, path: string): LavaResult {
  const result = parseResult(text, path);
  const params = LavaParamsSchema.safeParse(result.params);
  if (!params.success) {
    const why = z.prettifyError(params.error).replace(/\s*\n\s*/g, '; ');
    throw new LavaInputError(
      `not a valid LAVA result: params (${why})`,
      { file: path },
      'Re-run LAVA to produce a fresh result.',
    );
  }
  return resultFromFile({ ...result, params: params.data }, path);
}

/**
 * Whether reading a result's data file needs the user's yes: a result from anywhere may name any file, so one
 * outside the workspace is read only when asked, unless the extension wrote the result itself (`ownFolder`).
 */
export function needsConsent(
  dataPath: string,
  resultPath: string,
  workspaceFolders: string[],
  ownFolder: string,
): boolean {
  if (isInside(ownFolder, resultPath)) return false;
  return !workspaceFolders.some((w) => isInside(w, dataPath));
}
