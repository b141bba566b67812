// Reader of NumPy .npy files: one 2-D array of features, read from disk a few rows at a time.
import { createReadStream, promises as fsp } from 'node:fs';
import type { Dataset } from './dataset';
import { denseMatrix } from './denseMatrix';
import { checkUnchanged, stampFile, unreadable, type FileKind } from './fileErrors';
import { DEFAULT_CHUNK_ELEMENTS } from './matrixPass';
import { parseNpyHeader, type NpyHeader } from './npyHeader';
import { matrixShape, npyRowChunks } from './npyRows';
import type { ReadDatasetOptions } from './options';
import { LavaInputError } from '../../shared/errors';

export const NPY_FILE: FileKind = { name: 'NumPy .npy', ext: '.npy' };

/** Longest header read: numpy pads headers to 64 bytes; structured types can make them long. */
const HEADER_MAX = 1 << 16;

export async function readNpy(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  const stamp = await stampFile(path, NPY_FILE);
  const header = await readHeader(path);
  const { rows, cols } = matrixShape(header, path, 'the file');
  const need = header.dataOffset + rows * cols * header.dtype.size;
  if (stamp.size < need) {
    throw new LavaInputError(
      `is cut short: ${stamp.size} bytes where the header announces ${need}`,
      { file: path },
      'The file is truncated (an interrupted copy or save?): copy or save it again.',
    );
  }
  const names = Array.from({ length: cols }, (_, c) => String(c));
  const matrix = denseMatrix(
    {
      file: path,
      source: `the ${rows} x ${cols} array (${header.dtype.descr})`,
      rows,
      cols,
      names,
      async *readRows(rowsPerChunk, signal) {
        await checkUnchanged(path, stamp, NPY_FILE);
        const stream = createReadStream(path, { start: header.dataOffset, highWaterMark: 1 << 20 });
        try {
          yield* npyRowChunks(
            stream as AsyncIterable<Uint8Array>,
            header,
            { rows, cols },
            rowsPerChunk,
            path,
            'the file',
            signal,
          );
        } catch (err) {
          throw unreadable(path, err, NPY_FILE);
        } finally {
          stream.destroy();
        }
      },
    },
    opts.chunkElements ?? DEFAULT_CHUNK_ELEMENTS,
  );
  return {
    file: path,
    format: 'npy',
    rowCount: rows,
    rowNames: { kind: 'position' },
    columns: [],
    embeddings: [],
    matrix,
    choices: {},
    notes: [],
  };
}

async function readHeader(path: string): Promise<NpyHeader> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(path, 'r');
    const buf = new Uint8Array(HEADER_MAX);
    const { bytesRead } = await fh.read(buf, 0, HEADER_MAX, 0);
    return parseNpyHeader(buf.subarray(0, bytesRead), path, 'the file');
  } catch (err) {
    throw unreadable(path, err, NPY_FILE);
  } finally {
    await fh?.close();
  }
}
