// Read access to the result's per-row and per-locality arrays in one place: the result's arrays are about to
// become typed arrays (activity, coords, loadings as Float32Array; members one Int32Array of count x size),
// and only these accessors need to change then.
import type { LavaResult, ModuleResult } from '../../src/shared/result/types';

/** The rows of locality `p`. */
export function localityMembers(r: LavaResult, p: number): ArrayLike<number> {
  return r.localities.members[p] ?? [];
}

/** Module `m`'s activity per kept row. */
export function moduleActivity(m: ModuleResult): ArrayLike<number> {
  return m.activity;
}

/** Module `m`'s loading per locality. */
export function moduleLoadings(m: ModuleResult): ArrayLike<number> {
  return m.loadings;
}

/** Every locality's rows, as the shared `activeRows` takes them. */
export function allMembers(r: LavaResult): ArrayLike<ArrayLike<number>> {
  return r.localities.members;
}
