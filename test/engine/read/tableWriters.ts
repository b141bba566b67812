// Parquet and Arrow IPC fixtures written by real writers of the npm registry: hyparquet-writer (snappy, zstd,
// gzip, brotli) and apache-arrow (file and stream format, uncompressed, zstd, lz4), with the values they hold;
// and the writers themselves, for any columns (the CLI's format tests write a planted CSV's values with them).
import { writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { compress as zstdCompress, init as zstdInit } from '@bokuweb/zstd-wasm';
import {
  Bool,
  CompressionType,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  RecordBatchFileWriter,
  RecordBatchStreamWriter,
  Table,
  Utf8,
  compressionRegistry,
  vectorFromArray,
} from 'apache-arrow';
import { compress as lz4Compress } from 'lz4js';
import { parquetWriteBuffer } from 'hyparquet-writer';

export const ROWS = 9;
/** The values every table fixture holds; null is a missing value. */
export const TABLE = {
  umap_1: [0.5, -1.25, 2, 3.5, -0.75, 1, 0, 4.25, -2],
  umap_2: [1, 2, 3, 4, 5, 6, 7, 8, 9.5],
  gene_a: [0.1, null, 2.5, 3, 0, 1.5, 2, 0.25, 7],
  gene_b: [3, 1, 4, 1, 5, 9, 2, 6, 5],
  flag: [true, false, null, true, true, false, false, true, false],
  label: ['T cell', 'B', null, 'NK', 'B', 'T cell', 'ß-Zelle', 'NK', 'B'],
};
export const EMBEDDING = TABLE.umap_1.map((x, i) => [x, TABLE.umap_2[i]]);

let zstdReady: Promise<void> | null = null;

export type ParquetCodec = 'SNAPPY' | 'ZSTD' | 'GZIP' | 'BROTLI' | 'UNCOMPRESSED';

export async function writeParquet(path: string, codec: ParquetCodec, rowGroupSize = 4): Promise<void> {
  await writeParquetColumns(
    path,
    [
      { name: 'umap_1', data: TABLE.umap_1, type: 'DOUBLE' },
      { name: 'umap_2', data: TABLE.umap_2, type: 'DOUBLE' },
      { name: 'gene_a', data: TABLE.gene_a, type: 'FLOAT' },
      { name: 'gene_b', data: TABLE.gene_b.map(BigInt), type: 'INT64' },
      { name: 'flag', data: TABLE.flag, type: 'BOOLEAN' },
      { name: 'label', data: TABLE.label, type: 'STRING' },
    ],
    codec,
    rowGroupSize,
  );
}

export type ParquetColumn = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['columnData']>[number];

/** Any columns as a Parquet file, compressed with `codec`, in row groups of `rowGroupSize`. */
export async function writeParquetColumns(
  path: string,
  columnData: ParquetColumn[],
  codec: ParquetCodec,
  rowGroupSize?: number,
): Promise<void> {
  zstdReady ??= zstdInit();
  await zstdReady;
  const buf = parquetWriteBuffer({
    codec,
    compressors: {
      ZSTD: (b: Uint8Array) => zstdCompress(b, 3),
      GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
      BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
    },
    ...(rowGroupSize !== undefined ? { rowGroupSize } : {}),
    columnData,
  });
  writeFileSync(path, new Uint8Array(buf));
}

export type ArrowCompression = 'none' | 'zstd' | 'lz4';

export async function writeArrow(
  path: string,
  format: 'file' | 'stream',
  compression: ArrowCompression,
): Promise<void> {
  const table = new Table({
    umap_1: vectorFromArray(TABLE.umap_1, new Float64()),
    umap_2: vectorFromArray(TABLE.umap_2, new Float64()),
    gene_a: vectorFromArray(TABLE.gene_a, new Float32()),
    gene_b: vectorFromArray(TABLE.gene_b, new Int32()),
    flag: vectorFromArray(TABLE.flag, new Bool()),
    label: vectorFromArray(TABLE.label, new Utf8()),
    cluster: vectorFromArray(TABLE.label, new Dictionary(new Utf8(), new Int32())),
    X_umap: vectorFromArray(EMBEDDING, new FixedSizeList(2, new Field('xy', new Float64()))),
  });
  // Two batches, so that columns are assembled across batches.
  await writeArrowTable(path, table, format, compression, 4);
}

/** Any Arrow table as an IPC file or stream, in batches of `batchRows` rows. */
export async function writeArrowTable(
  path: string,
  table: Table,
  format: 'file' | 'stream',
  compression: ArrowCompression,
  batchRows: number,
): Promise<void> {
  zstdReady ??= zstdInit();
  await zstdReady;
  // Adds encoders beside the decoders the reader registered.
  const zstd = compressionRegistry.get(CompressionType.ZSTD);
  const lz4 = compressionRegistry.get(CompressionType.LZ4_FRAME);
  compressionRegistry.set(CompressionType.ZSTD, { ...zstd, encode: (b) => zstdCompress(b, 3) });
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    ...lz4,
    encode: (b) => Uint8Array.from(lz4Compress(b)),
  });
  const compressionType =
    compression === 'zstd' ? CompressionType.ZSTD : compression === 'lz4' ? CompressionType.LZ4_FRAME : null;
  const Writer = format === 'file' ? RecordBatchFileWriter : RecordBatchStreamWriter;
  const batches: Table[] = [];
  for (let at = 0; at < table.numRows; at += batchRows) batches.push(table.slice(at, at + batchRows));
  const bytes = await new Writer({ compressionType })
    .writeAll(batches.flatMap((t) => t.batches))
    .toUint8Array();
  writeFileSync(path, bytes);
}

/**
 * A Parquet file with the embedding as a list column, in the three-level LIST layout pyarrow writes
 * (`ragged` makes one list shorter).
 */
export function writeParquetList(path: string, ragged: boolean): void {
  const lists = EMBEDDING.map((xy, r) => (ragged && r === 3 ? xy.slice(0, 1) : xy));
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'gene_b', data: TABLE.gene_b },
      { name: 'X_umap', data: lists },
    ],
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'gene_b', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'X_umap', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'DOUBLE', repetition_type: 'REQUIRED' },
    ],
  });
  writeFileSync(path, new Uint8Array(buf));
}
