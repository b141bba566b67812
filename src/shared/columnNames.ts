// What a column's name says about it: an id, or a label of samples (cluster, cell type, class). The engine keeps
// such columns out of the features; the explorer never colours by an id and prefers a label.

const IDS = new Set(['id', 'ids', 'index', 'idx', 'barcode', 'barcodes', 'cell', 'cells', 'unnamed: 0']);

// Sample labels as single-cell tools (scanpy, Seurat) and ML data sets name them.
const LABELS = new Set([
  'label',
  'labels',
  'class',
  'target',
  'cluster',
  'clusters',
  'blob',
  'sample',
  'leiden',
  'louvain',
  'seurat_clusters',
  'cell_type',
  'celltype',
  'cell_types',
  'celltypes',
]);

/** A word separator of column names: "_", ".", "-" or a space. */
const SEP = '[_.\\- ]';

/** ids: cell_id, sample.id, CELL_ID; camel case cellID, sampleId (but not "valid" or "fluid"). */
const ID_SUFFIXES = [new RegExp(`${SEP}id$`, 'i'), /[a-z0-9]I[dD]$/];

/** leiden_res0.5, louvain_1, RNA_snn_res.1, kmeans_cluster, predicted.celltype.l1, cell_type_fine. */
const LABEL_PATTERNS = [
  new RegExp(`^(leiden|louvain)(${SEP}|$)`, 'i'),
  /_snn_res/i,
  new RegExp(`${SEP}clusters?$`, 'i'),
  new RegExp(`(^|${SEP})cell${SEP}?types?(${SEP}|$)`, 'i'),
];

/** A name that identifies samples (an id, an index, a barcode). */
export function isIdName(name: string): boolean {
  const n = name.trim();
  return IDS.has(n.toLowerCase()) || ID_SUFFIXES.some((re) => re.test(n));
}

/** A name of sample labels: clusters, cell types, classes. */
export function isLabelName(name: string): boolean {
  const n = name.trim();
  return LABELS.has(n.toLowerCase()) || LABEL_PATTERNS.some((re) => re.test(n));
}

/** Cell types first, then clusters, then other labels: what people colour a map by first. Lower is better. */
export function labelRank(name: string): number {
  if (!isLabelName(name)) return 3;
  const n = name.trim().toLowerCase();
  if (/cell[_.\- ]?type/.test(n)) return 0;
  return /leiden|louvain|cluster|snn_res/.test(n) ? 1 : 2;
}
