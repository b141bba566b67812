// Reader of Parquet files with hyparquet (+ hyparquet-compressors: snappy, gzip, zstd, brotli, lz4): one
// column at a time, read by byte ranges from disk; numbers, booleans, text, and numeric lists as embeddings.
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type SchemaTree,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Dataset } from './dataset';
import { stampFile, unreadable, type FileKind } from './fileErrors';
import type { ReadDatasetOptions } from './options';
import { CategoricalBuilder, ListBuilder, NumericBuilder, TableAssembly, TextBuilder } from './valueColumns';
import { checkpoint } from '../errors';
import { LavaCancelled, LavaInputError } from '../../shared/errors';

export const PARQUET_FILE: FileKind = { name: 'Parquet', ext: '.parquet' };

type Role = 'numeric' | 'boolean' | 'text' | 'list' | 'other';

export async function readParquet(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  await stampFile(path, PARQUET_FILE);
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const rows = Number(metadata.num_rows);
    const fields = parquetSchema(metadata).children;
    const table = new TableAssembly();
    for (let i = 0; i < fields.length; i++) {
      const name = fields[i].element.name;
      const role = roleOf(fields[i]);
      if (role === 'other') table.notes.push(`column "${name}" left out: its type is not read`);
      else {
        const b = builder(role, rows);
        await parquetRead({
          file,
          compressors,
          columns: [name],
          onChunk: (c) => b.set(c.rowStart, c.columnData),
        });
        table.take(name, b);
      }
      opts.onProgress?.((i + 1) / fields.length);
      await checkpoint(opts.signal);
    }
    return table.dataset(path, 'parquet', rows);
  } catch (err) {
    throw parquetFailure(path, err);
  }
}

function builder(
  role: Exclude<Role, 'other'>,
  rows: number,
): NumericBuilder | CategoricalBuilder | TextBuilder | ListBuilder {
  switch (role) {
    case 'numeric':
      return new NumericBuilder(rows);
    case 'boolean':
      return new CategoricalBuilder(rows, ['false', 'true']);
    case 'text':
      return new TextBuilder(rows);
    case 'list':
      return new ListBuilder(rows);
  }
}

const NUMERIC = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);
const TIME = new Set(['DATE', 'TIME_MILLIS', 'TIME_MICROS', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);

function roleOf(field: SchemaTree): Role {
  const e = field.element;
  if (field.children.length > 0) {
    const isList = e.converted_type === 'LIST' || e.logical_type?.type === 'LIST';
    let leaf = field;
    while (leaf.children.length === 1) leaf = leaf.children[0];
    return isList && leaf.children.length === 0 && NUMERIC.has(leaf.element.type ?? '') ? 'list' : 'other';
  }
  const logical = e.logical_type?.type;
  if (TIME.has(e.converted_type ?? '') || logical === 'DATE' || logical === 'TIMESTAMP' || logical === 'TIME')
    return 'text';
  if (e.type === 'BOOLEAN') return 'boolean';
  if (e.type !== undefined && NUMERIC.has(e.type)) return 'numeric';
  if (e.converted_type === 'DECIMAL' || logical === 'DECIMAL' || logical === 'FLOAT16') return 'numeric';
  if (e.type === 'BYTE_ARRAY' || e.type === 'FIXED_LEN_BYTE_ARRAY') return 'text';
  return 'other';
}

/** File errors keep their words; a parse failure says the file is not (whole) Parquet. */
function parquetFailure(path: string, err: unknown): unknown {
  if (err instanceof LavaInputError || err instanceof LavaCancelled) return err;
  const mapped = unreadable(path, err, PARQUET_FILE);
  if (mapped instanceof LavaInputError || !(err instanceof Error)) return mapped;
  return new LavaInputError(
    `cannot be read as Parquet (${err.message})`,
    { file: path },
    'The file may be truncated or damaged, or not Parquet at all: write it again (e.g. DataFrame.to_parquet).',
  );
}
