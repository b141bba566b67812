// Column names that say "id" or "sample label": as scanpy, Seurat and ML data sets write them, and near misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIdName, isLabelName, labelRank } from '../../src/shared/columnNames';

test('ids: id, *_id, camel-case ID, barcodes and a pandas index; not words that merely end in "id"', () => {
  for (const n of [
    'id',
    'ID',
    'cell_id',
    'CELL_ID',
    'sample.id',
    'cellID',
    'sampleId',
    'barcode',
    'index',
    'Unnamed: 0',
  ])
    assert.ok(isIdName(n), n);
  for (const n of ['valid', 'fluid', 'PID', 'CD3E', 'nCount_RNA', 'label']) assert.ok(!isIdName(n), n);
});

test('labels: clusters and cell types as single-cell tools name them, and the usual ML label names', () => {
  for (const n of [
    'leiden',
    'leiden_res0.5',
    'louvain',
    'seurat_clusters',
    'RNA_snn_res.1',
    'integrated_snn_res.0.8',
    'cell_type',
    'celltype',
    'cell.type',
    'predicted.celltype.l1',
    'kmeans_cluster',
    'Cluster',
    'label',
    'class',
    'target',
  ])
    assert.ok(isLabelName(n), n);
  for (const n of ['CD3E', 'MALAT1', 'percent.mt', 'nFeature_RNA', 'leidenfrost', 'typeface'])
    assert.ok(!isLabelName(n), n);
});

test('cell types rank before clusters, clusters before other labels, labels before anything else', () => {
  assert.deepEqual(
    ['cell_type', 'leiden', 'RNA_snn_res.1', 'label', 'batch'].map(labelRank),
    [0, 1, 1, 2, 3],
  );
});
