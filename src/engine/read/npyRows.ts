// Turns the bytes of a .npy array (from a file or an .npz entry, streamed) into row chunks of numbers.
import type { RowChunk } from './denseMatrix';
import { decodeNpy, type NpyHeader } from './npyHeader';
import { throwIfCancelled } from '../errors';
import { LavaInputError } from '../../shared/errors';

/** Rows x cols of a 2-D header; `where` names the array in errors. */
export function matrixShape(header: NpyHeader, file: string, where: string): { rows: number; cols: number } {
  const { shape } = header;
  if (shape.length !== 2) {
    throw new LavaInputError(
      `${where} holds a ${shape.length}-D array (shape (${shape.join(', ')})) where a matrix of rows x features was expected`,
      { file },
      shape.length === 1
        ? 'Save it as a column: numpy.save(path, a.reshape(-1, 1)), or give a 2-D array.'
        : 'Flatten each row first: numpy.save(path, a.reshape(len(a), -1)).',
    );
  }
  return { rows: shape[0], cols: shape[1] };
}

/**
 * Reads the array's bytes (starting at its first element) as rows x cols and yields `rowsPerChunk` rows at a time
 * (a 1-D array is read as one column).
 * A stream that ends early is a truncated file.
 */
export async function* npyRowChunks(
  bytes: AsyncIterable<Uint8Array>,
  header: NpyHeader,
  shape: { rows: number; cols: number },
  rowsPerChunk: number,
  file: string,
  where: string,
  signal: AbortSignal | undefined,
): AsyncIterable<RowChunk> {
  const { rows, cols } = shape;
  const rowBytes = cols * header.dtype.size;
  const want = Math.max(1, rowsPerChunk) * rowBytes;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let row0 = 0;
  const emit = (count: number): RowChunk => {
    const buf = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    const used = count * rowBytes;
    const values = decodeNpy(buf.subarray(0, used), header.dtype, count * cols);
    pending = buf.length > used ? [buf.subarray(used)] : [];
    pendingBytes = buf.length - used;
    const chunk = { row0, rowCount: count, values };
    row0 += count;
    return chunk;
  };
  for await (const b of bytes) {
    throwIfCancelled(signal);
    pending.push(b);
    pendingBytes += b.length;
    while (row0 < rows && pendingBytes >= want) yield emit(Math.min(rowsPerChunk, rows - row0));
    if (row0 >= rows) return;
  }
  const left = rows - row0;
  if (rowBytes > 0 && left > 0 && pendingBytes >= left * rowBytes) yield emit(left);
  else if (rowBytes > 0 && row0 < rows) {
    throw new LavaInputError(
      `${where} is cut short: it holds ${row0 * rowBytes + pendingBytes} of the ${rows * rowBytes} bytes its header announces`,
      { file },
      'The file is truncated (an interrupted copy or save?): copy or save it again.',
    );
  }
}
