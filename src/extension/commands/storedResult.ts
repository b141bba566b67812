// Reading a result file the extension did not necessarily write: checked before use (shape, every array, every
// option in range), its data path resolved from its own folder, and whether reading that data needs the user's consent.
import { resultFromFile } from '../../engine/io/resultFile';
import { decodeResult } from '../../shared/result/decode';
import { summarizeResult, type ResultText } from '../../shared/result/summary';
import type { LavaResult } from '../../shared/result/types';
import { isInside } from './resultFiles';

/** A result file's text, decoded and checked, with its data and config paths made absolute. */
export function parseStoredResult(text: string, path: string): LavaResult {
  return resultFromFile(decodeResult(text, path), path);
}

/** A result file's text as the host holds it: the text as read, and the summary of its checked decoding. */
export function storedResultText(text: string, path: string): ResultText {
  return { text, summary: summarizeResult(parseStoredResult(text, path)) };
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
