// Per-result values the views reuse: decoded module patterns and the pixel grid, computed once, not per render.
import type { LavaResult, ModuleResult } from '../../src/shared/result/types';
import { decodeFloat32 } from '../../src/shared/result/codec';
import { detectImageGrid, type ImageGrid } from '../util/imageGrid';

export class ResultCache {
  private patterns = new Map<number, Float32Array>();
  readonly grid: ImageGrid | null;
  constructor(readonly result: LavaResult) {
    this.grid = detectImageGrid(
      result.features,
      result.droppedFeatures.map((d) => d.name),
    );
  }
  pattern(m: ModuleResult): Float32Array {
    let p = this.patterns.get(m.id);
    if (!p) this.patterns.set(m.id, (p = decodeFloat32(m.pattern)));
    return p;
  }
}
