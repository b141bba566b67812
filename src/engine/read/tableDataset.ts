// The CSV reader's Table seen as a Dataset: the same columns, rows named by their file line, no matrix.
import type { Dataset } from './dataset';
import type { Table } from '../types';

export function tableDataset(table: Table): Dataset {
  return {
    file: table.file,
    format: 'csv',
    rowCount: table.rowCount,
    rowNames: { kind: 'line', lineOfRow: table.lineOfRow },
    columns: table.columns,
    embeddings: [],
    matrix: null,
    choices: {},
    notes: [],
    delimiter: table.delimiter,
  };
}
