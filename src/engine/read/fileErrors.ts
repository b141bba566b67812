// File-system failures as input errors that name the file and say what to do; shared by every reader.
import { promises as fsp } from 'node:fs';
import { LavaCancelled, LavaInputError } from '../../shared/errors';

/** What a reader expects, for messages: e.g. { name: 'CSV', ext: '.csv' }. */
export interface FileKind {
  name: string;
  ext: string;
}

export const CSV_FILE: FileKind = { name: 'CSV', ext: '.csv' };

/** File-system failures become input errors naming the file; anything else (a bug) passes unchanged. */
export function unreadable(path: string, err: unknown, kind: FileKind = CSV_FILE): unknown {
  if (err instanceof LavaInputError || err instanceof LavaCancelled) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return err;
  const why: Record<string, [string, string]> = {
    ENOENT: ['file not found', 'Check the path (relative paths start from the current folder).'],
    EACCES: ['permission denied', 'Make the file readable for your user, or copy it somewhere readable.'],
    EPERM: ['permission denied', 'Make the file readable for your user, or copy it somewhere readable.'],
    EISDIR: [`is a directory, not a ${kind.name} file`, `Pick a ${kind.ext} file inside it instead.`],
    ENOTDIR: ['file not found (a folder on its path is a file)', 'Check the path.'],
  };
  const [problem, hint] = why[code] ?? [
    `cannot be read (${(err as Error | undefined)?.message ?? String(err)})`,
    `Check that the path names a readable ${kind.name} file.`,
  ];
  return new LavaInputError(problem, { file: path }, hint);
}

/** Size and modification time of a readable file, so that a later pass can tell whether it changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampFile(path: string, kind: FileKind): Promise<FileStamp> {
  try {
    const st = await fsp.stat(path);
    if (st.isDirectory()) {
      throw new LavaInputError(
        `is a directory, not a ${kind.name} file`,
        { file: path },
        `Pick a ${kind.ext} file inside it instead.`,
      );
    }
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch (err) {
    throw unreadable(path, err, kind);
  }
}

/** A pass over a file read earlier: the file must be the one that was read. */
export async function checkUnchanged(path: string, stamp: FileStamp, kind: FileKind): Promise<void> {
  const now = await stampFile(path, kind);
  if (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) {
    throw new LavaInputError(
      'changed while it was being read',
      { file: path },
      'Wait until whatever writes the file has finished, then run again.',
    );
  }
}
