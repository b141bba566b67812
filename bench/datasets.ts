// The bench's data sets: made or converted once into bench/data/, embeddings computed once by our UMAP and cached in bench/.cache/.
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { writePlanted } from '../fixtures/planted';
import { fashionCsv } from '../scripts/fashion-mnist';
import { measure } from './measure';

export const DATA_DIR = 'bench/data';
export const CACHE_DIR = 'bench/.cache';
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const TRAIN_IMAGES = 60000;

export interface DataSet {
  name: string;
  file: string;
  embedding: string[];
  maxFeatures: number;
  rows: number;
  features: number;
  /** Planted truth JSON, for planted sets. */
  truth?: string;
  /** Our runs' --modules (a number or "auto"); unset = the bench's fixed k (runs.ts SETTINGS.k). */
  modules?: number | 'auto';
}

export function ensureDirs(root: string): void {
  mkdirSync(join(root, DATA_DIR), { recursive: true });
  mkdirSync(join(root, CACHE_DIR, 'runs'), { recursive: true });
}

/** A planted set of `rows` x `features` (8 blobs, 5 modules), made once per (seed, size). */
export async function plantedSet(
  root: string,
  name: string,
  seed: number,
  rows: number,
  features: number,
): Promise<DataSet> {
  const file = join(DATA_DIR, `${name}.csv`);
  const truth = join(DATA_DIR, `${name}.truth.json`);
  if (!existsSync(join(root, file)) || !existsSync(join(root, truth))) {
    const t = await writePlanted(seed, join(root, file), { samples: rows, features, blobs: 8, modules: 5 });
    writeFileSync(join(root, truth), JSON.stringify(t));
  }
  return { name, file, embedding: ['x', 'y'], maxFeatures: 256, rows, features, truth };
}

function headerOf(text: string): string[] {
  return text.slice(0, text.indexOf('\n')).trim().split(',');
}

/** Fashion-MNIST's first `count` images as CSV (pixels + label), converted once: the 60,000 training images,
 * then the 10,000 test images (count 70,000 = all of them, as the paper's MNIST runs use). */
export function fashionFile(root: string, count: number): string {
  const file = join(DATA_DIR, `fashion${count / 1000}k.csv`);
  if (!existsSync(join(root, file))) {
    if (!existsSync(`${FASHION_DIR}/train-images-idx3-ubyte.gz`)) {
      throw new Error(
        `Fashion-MNIST is not installed: apt-get install -y dataset-fashion-mnist (expected ${FASHION_DIR})`,
      );
    }
    const set = (name: string, n: number) =>
      fashionCsv(`${FASHION_DIR}/${name}-images-idx3-ubyte.gz`, `${FASHION_DIR}/${name}-labels-idx1-ubyte.gz`, n);
    const train = set('train', count);
    const test = count > TRAIN_IMAGES ? set('t10k', count - TRAIN_IMAGES) : '';
    writeFileSync(join(root, file) + '.part', train + test.slice(test.indexOf('\n') + 1));
    renameSync(join(root, file) + '.part', join(root, file));
  }
  return file;
}

/** Our UMAP of a CSV (all features up to maxFeatures), cached as JSON { embedding: { coords } }; returns the cache path. */
export async function ourEmbedding(
  root: string,
  file: string,
  key: string,
  maxFeatures: number,
  timeoutMs: number,
): Promise<string> {
  const cache = join(CACHE_DIR, `${key}.umap.json`);
  if (!existsSync(join(root, cache))) {
    process.stdout.write(`  computing our UMAP of ${file} once (cached in ${cache})\n`);
    const r = await measure(
      process.execPath,
      ['--import', 'tsx', 'bench/ourUmap.ts', file, cache, '--max-features', String(maxFeatures)],
      { cwd: root, timeoutMs },
    );
    if (r.code !== 0)
      throw new Error(
        `our UMAP of ${file} failed: ${
          r.stderr
            .trim()
            .split('\n')
            .find((l) => /rror/.test(l)) ?? r.stderr.trim().split('\n').pop()
        }`,
      );
  }
  return cache;
}

/** Writes SRC with umap_1,umap_2 columns appended from a cached embedding (once). */
export async function withEmbedding(root: string, src: string, cache: string, out: string): Promise<void> {
  if (existsSync(join(root, out))) return;
  const { embedding } = JSON.parse(readFileSync(join(root, cache), 'utf8')) as {
    embedding: { coords: number[] };
  };
  const w = createWriteStream(join(root, out) + '.part');
  const lines = createInterface({ input: createReadStream(join(root, src)), crlfDelay: Infinity });
  let row = -1;
  for await (const line of lines) {
    if (line === '') continue;
    const extra = row < 0 ? 'umap_1,umap_2' : `${embedding.coords[2 * row]},${embedding.coords[2 * row + 1]}`;
    if (!w.write(`${line},${extra}\n`)) await once(w, 'drain');
    row++;
  }
  w.end();
  await once(w, 'finish');
  if (2 * row !== embedding.coords.length)
    throw new Error(`${cache} has ${embedding.coords.length / 2} points but ${src} has ${row} rows`);
  renameSync(join(root, out) + '.part', join(root, out));
}

/** Digits with an embedding: the stored umap_1,umap_2 when examples/digits.csv has them, else ours appended. */
export async function digitsSet(root: string, timeoutMs: number): Promise<DataSet> {
  const src = 'examples/digits.csv';
  const text = readFileSync(join(root, src), 'utf8');
  const header = headerOf(text);
  const features = header.filter((h) => h.startsWith('pixel_')).length;
  const rows = text.trimEnd().split('\n').length - 1;
  if (header.includes('umap_1') && header.includes('umap_2'))
    return { name: 'digits', file: src, embedding: ['umap_1', 'umap_2'], maxFeatures: 256, rows, features };
  const cache = await ourEmbedding(root, src, 'digits', 256, timeoutMs);
  const file = join(DATA_DIR, 'digits_umap.csv');
  await withEmbedding(root, src, cache, file);
  return { name: 'digits', file, embedding: ['umap_1', 'umap_2'], maxFeatures: 256, rows, features };
}

/** Fashion-MNIST's first `rows` images with our UMAP of all 784 pixels (computed once, cached), compared at
 * `maxFeatures` (256 = default, 784 = all); 70,000 rows = train + test, issue 10's paper-scale set. */
export async function fashionSet(
  root: string,
  maxFeatures: number,
  timeoutMs: number,
  rows = 10000,
): Promise<DataSet> {
  const key = `fashion${rows / 1000}k`;
  const src = fashionFile(root, rows);
  const cache = await ourEmbedding(root, src, key, 784, timeoutMs);
  const file = join(DATA_DIR, `${key}_umap.csv`);
  await withEmbedding(root, src, cache, file);
  return {
    name: `${key}-${maxFeatures}`,
    file,
    embedding: ['umap_1', 'umap_2'],
    maxFeatures,
    rows,
    features: 784,
  };
}
