// Typed columns built from the JavaScript values a table library hands out (Parquet, Arrow): numbers with
// their bad rows, booleans as false/true labels, text, dictionary codes, and list columns as embeddings.
// Chunks may come in any order (hyparquet reads row groups concurrently), so each says where it starts.
import type { CategoricalColumn, Dataset, DatasetColumn, DatasetFormat, EmbeddingCandidate } from './dataset';
import type { NumericColumn, TextColumn } from '../types';

/** Whether value i of a chunk is present: null/undefined never is; `valid` may say more (Arrow's bitmaps). */
function present(
  values: ArrayLike<unknown>,
  i: number,
  valid: ((i: number) => boolean) | undefined,
): boolean {
  const v = values[i];
  return v !== null && v !== undefined && (valid === undefined || valid(i));
}

export class NumericBuilder {
  readonly values: Float64Array;
  constructor(rows: number) {
    this.values = new Float64Array(rows);
  }
  set(at: number, values: ArrayLike<unknown>, valid?: (i: number) => boolean): void {
    for (let i = 0; i < values.length; i++)
      this.values[at + i] = present(values, i, valid) ? Number(values[i]) : NaN;
  }
  column(name: string, index: number): NumericColumn {
    const bad: number[] = [];
    this.values.forEach((v, r) => Number.isFinite(v) || bad.push(r));
    return { kind: 'numeric', name, index, values: this.values, bad: Int32Array.from(bad) };
  }
}

/** Booleans and dictionary-encoded text: one code per row into categories kept in first-seen order. */
export class CategoricalBuilder {
  readonly codes: Int32Array;
  readonly categories: string[] = [];
  private readonly byLabel = new Map<string, number>();
  constructor(rows: number, fixed: string[] = []) {
    this.codes = new Int32Array(rows);
    for (const c of fixed) this.code(c);
  }
  /** The code of a label, added on first sight. */
  code(label: string): number {
    let c = this.byLabel.get(label);
    if (c === undefined) {
      c = this.categories.length;
      this.categories.push(label);
      this.byLabel.set(label, c);
    }
    return c;
  }
  set(at: number, values: ArrayLike<unknown>, valid?: (i: number) => boolean): void {
    for (let i = 0; i < values.length; i++)
      this.codes[at + i] = present(values, i, valid) ? this.code(String(values[i])) : -1;
  }
  /** Codes already mapped to this builder's categories (Arrow dictionaries). */
  setCodes(at: number, codes: Int32Array): void {
    this.codes.set(codes, at);
  }
  column(name: string, index: number): CategoricalColumn {
    return {
      kind: 'categorical',
      name,
      index,
      codes: this.codes,
      categories: this.categories,
      ordered: false,
    };
  }
}

export class TextBuilder {
  readonly values: string[];
  constructor(rows: number) {
    this.values = new Array<string>(rows).fill('');
  }
  set(at: number, values: ArrayLike<unknown>, valid?: (i: number) => boolean): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      this.values[at + i] = !present(values, i, valid) ? '' : v instanceof Date ? v.toISOString() : String(v);
    }
  }
  column(name: string, index: number): TextColumn {
    return { kind: 'text', name, index, values: this.values };
  }
}

/** A column of numeric lists, all of one length d, held as rows x d: an embedding candidate. */
export class ListBuilder {
  private readonly lists: (ArrayLike<unknown> | null)[];
  constructor(rows: number) {
    this.lists = new Array<ArrayLike<unknown> | null>(rows).fill(null);
  }
  set(at: number, values: ArrayLike<unknown>, valid?: (i: number) => boolean): void {
    for (let i = 0; i < values.length; i++)
      this.lists[at + i] = present(values, i, valid) ? (values[i] as ArrayLike<unknown>) : null;
  }
  /** The candidate, or why the column cannot be an embedding. */
  candidate(key: string): EmbeddingCandidate | string {
    const rows = this.lists.length;
    const dims = this.lists[0]?.length ?? 0;
    const values = new Float64Array(rows * dims);
    for (let r = 0; r < rows; r++) {
      const l = this.lists[r];
      if (l === null) return `row ${r + 1} has no value`;
      if (l.length !== dims) return `its lists differ in length (${dims} and ${l.length})`;
      for (let k = 0; k < dims; k++) values[r * dims + k] = Number(l[k]);
    }
    return { key, rows, dims, read: () => Promise.resolve(values) };
  }
}

/** Collects a table's built columns: list columns become embedding candidates, the rest columns. */
export class TableAssembly {
  private readonly columns: DatasetColumn[] = [];
  private readonly embeddings: EmbeddingCandidate[] = [];
  readonly notes: string[] = [];

  take(name: string, b: NumericBuilder | CategoricalBuilder | TextBuilder | ListBuilder): void {
    if (b instanceof ListBuilder) {
      const c = b.candidate(name);
      if (typeof c === 'string')
        this.notes.push(`list column "${name}" is not offered as an embedding: ${c}`);
      else this.embeddings.push(c);
    } else this.columns.push(b.column(name, this.columns.length));
  }

  dataset(file: string, format: DatasetFormat, rowCount: number): Dataset {
    const { columns, embeddings, notes } = this;
    const rowNames = { kind: 'position' } as const;
    return { file, format, rowCount, rowNames, columns, embeddings, matrix: null, choices: {}, notes };
  }
}
