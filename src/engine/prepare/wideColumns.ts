// Which columns of a very wide file a run reads (the reader reads at most MAX_COLUMNS of a file unless told):
// the named features, the embedding (named or recognised by name) and the metadata.
import { recogniseEmbedding } from './embeddingColumns';
import { isMetadataName } from './columnRoles';
import type { WideColumns } from '../read/table';
import type { LavaParams } from '../../shared/params/types';

/** The reader's choice of columns for a header wider than it reads whole: null (refuse) unless features are named. */
export function wideColumnsFor(params: LavaParams): WideColumns {
  return (header) => {
    if (params.features.length === 0) return null;
    const embedding = params.embedding.length > 0 ? params.embedding : (recogniseEmbedding(header) ?? []);
    return new Set([...params.features, ...embedding, ...params.metadata, ...header.filter(isMetadataName)]);
  };
}
