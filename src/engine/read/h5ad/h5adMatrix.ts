// An h5ad matrix (X, a layer, raw/X) as a FeatureMatrix: dense datasets by row blocks, CSR/CSC groups by
// runs of stored values; each pass opens the file again and reads only hyperslabs.
import type { Dataset as H5Dataset } from 'h5wasm/node';
import type { FeatureMatrix } from '../dataset';
import { denseMatrix } from '../denseMatrix';
import type { FileStamp } from '../fileErrors';
import { sparseMatrix } from '../sparseMatrix';
import {
  asNumbers,
  attrNumbers,
  attrString,
  checkFilters,
  isNumericDataset,
  passH5,
  valueOf,
  type H5Handle,
} from './h5file';
import { LavaInputError } from '../../../shared/errors';

export interface MatrixPlace {
  /** Path in the file: "X", "layers/counts", "raw/X". */
  path: string;
  names: string[];
  stamp: FileStamp;
  chunkElements: number;
}

/** The matrix at `place.path` of an open file; its passes reopen the file. */
export function h5adMatrix(h: H5Handle, place: MatrixPlace, rows: number): FeatureMatrix {
  const file = h.path;
  const obj = h.file.get(place.path);
  if (obj instanceof h.mod.Dataset) return denseH5(h, obj, place, rows);
  const enc = obj instanceof h.mod.Group ? attrString(obj, 'encoding-type') : null;
  if (obj instanceof h.mod.Group && (enc === 'csr_matrix' || enc === 'csc_matrix')) {
    const [r, c] = attrNumbers(obj, 'shape');
    checkShape(file, place, r, c, rows);
    const parts = ['data', 'indices', 'indptr'].map((k) => obj.get(k));
    const [data, indices, indptr] = parts;
    if (
      !(data instanceof h.mod.Dataset) ||
      !(indices instanceof h.mod.Dataset) ||
      !(indptr instanceof h.mod.Dataset)
    ) {
      throw new LavaInputError(
        `${place.path} lacks data, indices or indptr`,
        { file },
        'The sparse matrix is damaged: write the file again.',
      );
    }
    checkNumeric(file, place.path, data);
    for (const d of [data, indices, indptr]) checkFilters(file, d);
    const layout = enc === 'csr_matrix' ? 'csr' : 'csc';
    return sparseMatrix(
      {
        file,
        source: `${place.path} (sparse ${layout.toUpperCase()}, ${dtypeName(data)})`,
        layout,
        rows: r,
        cols: c,
        names: place.names,
        indptr: Float64Array.from(asNumbers(valueOf(file, indptr))),
        path: place.path,
        readNonzeros: (start, end, size) =>
          passH5(file, place.stamp, async function* (p) {
            const d = p.file.get(`${place.path}/data`) as H5Dataset;
            const ix = p.file.get(`${place.path}/indices`) as H5Dataset;
            for (let at = start; at < end; at += size) {
              const to = Math.min(end, at + size);
              yield { at, data: asNumbers(d.slice([[at, to]])), indices: asNumbers(ix.slice([[at, to]])) };
            }
          }),
      },
      place.chunkElements,
    );
  }
  throw new LavaInputError(
    `${place.path} is neither a dense array nor a CSR/CSC sparse matrix (encoding "${enc ?? 'none'}")`,
    { file },
    'Write the matrix as a numpy array or a scipy.sparse csr/csc matrix (adata.write_h5ad does).',
  );
}

function denseH5(h: H5Handle, d: H5Dataset, place: MatrixPlace, rows: number): FeatureMatrix {
  const file = h.path;
  checkNumeric(file, place.path, d);
  checkFilters(file, d);
  const shape = d.shape ?? [];
  if (shape.length !== 2) {
    throw new LavaInputError(
      `${place.path} has ${shape.length} dimensions where 2 were expected`,
      { file },
      'Store the features as a cells x genes matrix.',
    );
  }
  checkShape(file, place, shape[0], shape[1], rows);
  const cols = shape[1];
  return denseMatrix(
    {
      file,
      source: `${place.path} (dense, ${dtypeName(d)})`,
      rows,
      cols,
      names: place.names,
      readRows: (rowsPerChunk) =>
        passH5(file, place.stamp, async function* (p) {
          const x = p.file.get(place.path) as H5Dataset;
          for (let r0 = 0; r0 < rows; r0 += rowsPerChunk) {
            const r1 = Math.min(rows, r0 + rowsPerChunk);
            yield {
              row0: r0,
              rowCount: r1 - r0,
              values: asNumbers(
                x.slice([
                  [r0, r1],
                  [0, cols],
                ]),
              ),
            };
          }
        }),
    },
    place.chunkElements,
  );
}

function checkShape(file: string, place: MatrixPlace, r: number, c: number, rows: number): void {
  if (r !== rows || c !== place.names.length) {
    throw new LavaInputError(
      `${place.path} is ${r} x ${c} but the file has ${rows} cells (obs) and ${place.names.length} feature names`,
      { file },
      'The file is inconsistent: write it again with anndata (adata.write_h5ad).',
    );
  }
}

function checkNumeric(file: string, path: string, d: H5Dataset): void {
  if (!isNumericDataset(d)) {
    throw new LavaInputError(
      `${path} holds ${d.metadata.type === 3 ? 'text' : `values of HDF5 type class ${d.metadata.type}`}, not numbers`,
      { file, option: 'layer' },
      'Features must be numbers: choose a numeric matrix with {option:layer}, or store X as float32.',
    );
  }
}

function dtypeName(d: H5Dataset): string {
  const { type, size, signed } = d.metadata;
  if (type === 1) return `float${size * 8}`;
  if (type === 0) return `${signed ? 'int' : 'uint'}${size * 8}`;
  return 'bool';
}
