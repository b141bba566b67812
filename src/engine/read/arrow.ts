// Reader of Arrow IPC files (.arrow / .feather v2, file or stream format) with apache-arrow, a record batch at
// a time from disk: numbers, booleans, text, dictionaries as categoricals, numeric lists as embeddings.
import { promises as fsp } from 'node:fs';
import {
  CompressionType,
  DataType,
  RecordBatchReader,
  compressionRegistry,
  type Field,
  type Vector,
} from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import { decompress as lz4Decompress } from 'lz4js';
import type { Dataset } from './dataset';
import { stampFile, unreadable, type FileKind } from './fileErrors';
import type { ReadDatasetOptions } from './options';
import { CategoricalBuilder, ListBuilder, NumericBuilder, TableAssembly, TextBuilder } from './valueColumns';
import { checkpoint } from '../errors';
import { LavaCancelled, LavaInputError } from '../../shared/errors';

export const ARROW_FILE: FileKind = { name: 'Arrow IPC (.arrow/.feather)', ext: '.arrow' };

// pyarrow compresses Feather files with LZ4 frames by default, or ZSTD on request; arrow's JS reader
// decodes through whatever codecs are registered. It views each buffer as its type in place, so a
// decoded buffer must start at an offset of 0 (fzstd may return a view into a larger one).
const aligned = (b: Uint8Array): Uint8Array => (b.byteOffset === 0 ? b : b.slice());
compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => aligned(zstdDecompress(data)) });
compressionRegistry.set(CompressionType.LZ4_FRAME, {
  decode: (data) => Uint8Array.from(lz4Decompress(data)),
});

type Builder = NumericBuilder | CategoricalBuilder | TextBuilder | ListBuilder;

export async function readArrow(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  await stampFile(path, ARROW_FILE);
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(path, 'r');
    const reader = await RecordBatchReader.from(fh);
    await reader.open();
    const fields = reader.schema.fields;
    const builders = fields.map((f) => builderFor(f));
    const chunks: Vector[][] = fields.map(() => []);
    let rows = 0;
    for await (const batch of reader) {
      fields.forEach((_, j) => chunks[j].push(batch.getChildAt(j) as Vector));
      rows += batch.numRows;
      await checkpoint(opts.signal);
    }
    return finish(path, fields, builders, chunks, rows);
  } catch (err) {
    throw arrowFailure(path, err);
  } finally {
    await fh?.close();
  }
}

/** Columns are filled once the row count is known (a stream does not say it up front). */
function finish(
  path: string,
  fields: Field[],
  kinds: (string | null)[],
  chunks: Vector[][],
  rows: number,
): Dataset {
  const table = new TableAssembly();
  fields.forEach((f, j) => {
    const kind = kinds[j];
    if (kind === null)
      table.notes.push(`column "${f.name}" left out: its type ${String(f.type)} is not read`);
    else table.take(f.name, fill(kind, chunks[j], rows));
  });
  return table.dataset(path, 'arrow', rows);
}

function builderFor(f: Field): string | null {
  // Field's type parameter is `any` in apache-arrow's typings: name the base type for the checks below.
  const t: DataType = f.type as DataType;
  if (DataType.isDictionary(t)) return 'dictionary';
  if (DataType.isBool(t)) return 'boolean';
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t)) return 'numeric';
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t) || DataType.isDate(t) || DataType.isTimestamp(t))
    return 'text';
  if (DataType.isFixedSizeList(t) || DataType.isList(t)) {
    const child: DataType | undefined = (t.children)[0]?.type as DataType | undefined;
    return child !== undefined && (DataType.isFloat(child) || DataType.isInt(child)) ? 'list' : null;
  }
  return null;
}

function fill(kind: string, vectors: Vector[], rows: number): Builder {
  if (kind === 'dictionary') return dictionary(vectors, rows);
  const b =
    kind === 'numeric'
      ? new NumericBuilder(rows)
      : kind === 'boolean'
        ? new CategoricalBuilder(rows, ['false', 'true'])
        : kind === 'text'
          ? new TextBuilder(rows)
          : new ListBuilder(rows);
  let at = 0;
  for (const v of vectors) {
    const asDate = kind === 'text' && (DataType.isDate(v.type) || DataType.isTimestamp(v.type));
    // Dates arrive as epoch milliseconds and list cells as vectors: both are made plain values here.
    const plain = (x: unknown): unknown =>
      x === null
        ? null
        : asDate
          ? new Date(Number(x))
          : kind === 'list'
            ? Array.from(x as Iterable<unknown>)
            : x;
    const values = Array.from({ length: v.length }, (_, i) => plain(v.get(i)));
    b.set(at, values, (i) => v.isValid(i));
    at += v.length;
  }
  return b;
}

/** Dictionary-encoded columns keep their codes; each batch's dictionary is mapped onto one category list. */
function dictionary(vectors: Vector[], rows: number): CategoricalBuilder {
  const b = new CategoricalBuilder(rows);
  let at = 0;
  for (const v of vectors) {
    for (const data of v.data) {
      const dict = data.dictionary;
      const labels =
        dict === undefined ? [] : Array.from({ length: dict.length }, (_, i) => String(dict.get(i)));
      const map = labels.map((l) => b.code(l));
      const codes = new Int32Array(data.length);
      for (let i = 0; i < data.length; i++) {
        codes[i] = data.getValid(i) ? map[Number((data.values as ArrayLike<number>)[data.offset + i])] : -1;
      }
      b.setCodes(at, codes);
      at += data.length;
    }
  }
  return b;
}

function arrowFailure(path: string, err: unknown): unknown {
  if (err instanceof LavaInputError || err instanceof LavaCancelled) return err;
  const mapped = unreadable(path, err, ARROW_FILE);
  if (mapped instanceof LavaInputError || !(err instanceof Error)) return mapped;
  return new LavaInputError(
    `cannot be read as Arrow IPC (${err.message})`,
    { file: path },
    'The file may be truncated or damaged, or a Feather v1 file: write it again (pyarrow.feather.write_feather, version 2).',
  );
}
