// HDF5 access for the .h5ad reader through h5wasm's Node build, which reads the file in place (its
// NODERAWFS file system does positioned reads: nothing is loaded whole), with HDF5 errors as input errors.
import type { Dataset as H5Dataset, File as H5File, Group as H5Group } from 'h5wasm/node';
import { checkUnchanged, type FileKind, type FileStamp } from '../fileErrors';
import { LavaCancelled, LavaInputError } from '../../../shared/errors';

export const H5AD_FILE: FileKind = { name: 'AnnData .h5ad', ext: '.h5ad' };

type H5wasm = typeof import('h5wasm/node');
let loaded: Promise<H5wasm> | null = null;

/** h5wasm is an ES module only, so it is imported on first use (also keeps its wasm out of start-up). */
export function h5wasm(): Promise<H5wasm> {
  loaded ??= import('h5wasm/node').then(async (mod) => {
    const module = await mod.ready;
    // Errors become exceptions carrying HDF5's message instead of being printed to stderr.
    module.activate_throwing_error_handler();
    return mod;
  });
  return loaded;
}

export interface H5Handle {
  mod: H5wasm;
  file: H5File;
  path: string;
}

/** Opens the file (checking first that it is the one read before, when `stamp` is given). */
export async function openH5(path: string, stamp: FileStamp | null): Promise<H5Handle> {
  const mod = await h5wasm();
  if (stamp !== null) await checkUnchanged(path, stamp, H5AD_FILE);
  try {
    return { mod, file: new mod.File(path, 'r'), path };
  } catch (err) {
    throw hdf5Failure(path, err);
  }
}

export function closeH5(h: H5Handle): void {
  try {
    h.file.close();
  } catch {
    // Closing a damaged file can fail too; the first error is the one worth reporting.
  }
}

/** Opens the file, runs `fn`, closes it; HDF5 failures become input errors naming the file. */
export async function withH5<T>(
  path: string,
  stamp: FileStamp | null,
  fn: (h: H5Handle) => Promise<T> | T,
): Promise<T> {
  const h = await openH5(path, stamp);
  try {
    return await fn(h);
  } catch (err) {
    throw hdf5Failure(path, err);
  } finally {
    closeH5(h);
  }
}

/** The same for a pass that yields as it reads: the file stays open until the consumer is done. */
export async function* passH5<T>(
  path: string,
  stamp: FileStamp,
  fn: (h: H5Handle) => AsyncIterable<T>,
): AsyncIterable<T> {
  const h = await openH5(path, stamp);
  try {
    yield* fn(h);
  } catch (err) {
    throw hdf5Failure(path, err);
  } finally {
    closeH5(h);
  }
}

/** The innermost line of HDF5's error stack says what went wrong ("truncated file: eof = ..."). */
export function hdf5Failure(path: string, err: unknown): unknown {
  if (err instanceof LavaInputError || err instanceof LavaCancelled) return err;
  const text = err instanceof Error ? err.message : String(err);
  if (!text.includes('HDF5') && !/name not defined|not a valid|out of bounds/i.test(text)) return err;
  const lines = [...text.matchAll(/#\d+: .* in (\w+)\(\): (.*)/g)].map((m) => m[2].trim());
  const reason = lines.length > 0 ? lines[lines.length - 1] : text.split('\n')[0];
  const truncated = /truncated/i.test(reason);
  const notHdf5 = /signature not found/i.test(reason);
  const problem = truncated
    ? `is cut short (${reason})`
    : notHdf5
      ? 'is not an HDF5 file (no HDF5 signature)'
      : `cannot be read as HDF5 (${reason})`;
  const hint = notHdf5
    ? 'An .h5ad file is written by anndata (adata.write_h5ad); check that this file is one.'
    : 'The file is damaged or was not copied whole: copy it again, or write it again with adata.write_h5ad.';
  return new LavaInputError(problem, { file: path }, hint);
}

/** An attribute's value as a string or list of strings (anndata writes both kinds), or null. */
export function attrString(obj: H5Group | H5Dataset, name: string): string | null {
  const a = obj.attrs[name] as { value: unknown } | undefined;
  const v = a?.value;
  return typeof v === 'string' ? v : null;
}

export function attrStrings(obj: H5Group | H5Dataset, name: string): string[] {
  const v = (obj.attrs[name] as { value: unknown } | undefined)?.value;
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v.map(String);
  return [];
}

export function attrNumbers(obj: H5Group | H5Dataset, name: string): number[] {
  const v = (obj.attrs[name] as { value: unknown } | undefined)?.value;
  if (v === null || v === undefined) return [];
  if (typeof v === 'number' || typeof v === 'bigint') return [Number(v)];
  return Array.from(v as ArrayLike<number | bigint>, Number);
}

/** Typed arrays from h5wasm as numbers (64-bit integers come as BigInt64Array). */
export function asNumbers(v: unknown): ArrayLike<number> {
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, Number);
  if (ArrayBuffer.isView(v)) return v as unknown as ArrayLike<number>;
  if (Array.isArray(v)) return v.map(Number);
  return [Number(v)];
}

/** H5T classes that hold numbers: integer, float, and enum (h5py stores booleans as an enum). */
const NUMERIC_CLASSES = new Set([0, 1, 8]);

export function isNumericDataset(d: H5Dataset): boolean {
  return NUMERIC_CLASSES.has(d.metadata.type);
}

/** HDF5 filters h5wasm decodes: deflate (gzip), shuffle, fletcher32, nbit, scaleoffset. */
const DECODED_FILTERS = new Set([1, 2, 3, 5, 6]);

/**
 * Refuses a dataset compressed with a filter h5wasm lacks (h5py's lzf, blosc, ...) before reading it:
 * HDF5 would otherwise fail deep inside, or abort the whole wasm module.
 */
export function checkFilters(file: string, d: H5Dataset): void {
  const missing = d.filters.filter((f) => !DECODED_FILTERS.has(f.id));
  if (missing.length === 0) return;
  const names = missing.map((f) => f.name || `filter ${f.id}`).join(', ');
  throw new LavaInputError(
    `${d.path.replace(/^\//, '')} is compressed with ${names}, which this reader cannot decode`,
    { file },
    'Write the file again with gzip compression or none: adata.write_h5ad(path, compression="gzip").',
  );
}

/** A whole dataset's values, once its filters are known to be readable. */
export function valueOf(file: string, d: H5Dataset): unknown {
  checkFilters(file, d);
  return d.value;
}
