// Per-result values the views reuse: the pixel grid, computed once per result, not per render.
import type { LavaResult } from '../../src/shared/result/types';
import { detectImageGrid, type ImageGrid } from '../util/imageGrid';

export class ResultCache {
  readonly grid: ImageGrid | null;
  constructor(readonly result: LavaResult) {
    this.grid = detectImageGrid(
      result.features,
      result.droppedFeatures.map((d) => d.name),
    );
  }
}
