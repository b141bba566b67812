// The format fixtures written by the real writers (anndata, numpy) through scripts/format-fixtures.py, made
// once per version of that script into a cache folder; tests skip outside CI when the writers are missing.
// Never write into that folder: tests of other files read it at the same time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'format-fixtures.py');
// Debian's python3-anndata lives in the system Python, which a pyenv shim on PATH may hide.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface Expected {
  anndata: string;
  h5ad: {
    n_obs: number;
    n_vars: number;
    obs_names: string[];
    var_names: string[];
    gene_ids: string[];
    var_columns: string[];
    raw_var_names: string[];
    X: number[];
    X_stats: { mean: number[]; variance: number[] };
    counts: number[];
    scaled_csr: number[];
    raw_X: number[];
    raw_stats: { mean: number[]; variance: number[] };
    obsm: Record<string, number[]>;
    obs: Record<
      string,
      { kind: string; codes?: number[]; categories?: string[]; values?: (number | string | null)[] }
    >;
    layers: string[];
  };
  numpy: {
    rows: number;
    cols: number;
    X: number[];
    X_stats: { mean: number[]; variance: number[] };
    i2: number[];
    bool: number[];
    umap: number[];
    label: number[];
  };
  /** planted.csv's data set, also as planted_*.h5ad, planted_X.npy + planted_umap.npy + planted_meta.csv. */
  planted: { rows: number; genes: string[]; gene_ids: string[]; X_tsne: number[] };
}

export interface Fixtures {
  dir: string;
  expected: Expected;
  path(name: string): string;
}

let made: Fixtures | string | undefined;

/** The fixtures, or why they cannot be made here (then the caller skips; under CI=true this throws). */
export function formatFixtures(): Fixtures | string {
  made ??= make();
  if (typeof made === 'string' && process.env.CI === 'true') throw new Error(made);
  return made;
}

function make(): Fixtures | string {
  const script = readFileSync(SCRIPT);
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `lava-format-fixtures-${hash}`);
  if (!existsSync(join(dir, 'expected.json'))) {
    // Written beside, then renamed: a test file running at the same time never sees half a folder.
    const tmp = mkdtempSync(join(tmpdir(), 'lava-format-fixtures-tmp-'));
    const r = spawnSync(PYTHON, [SCRIPT, tmp], { encoding: 'utf8' });
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      const why = r.error?.message ?? r.stderr.trim().split('\n').slice(-1)[0];
      return `format fixtures need python3 with anndata (Debian: apt-get install python3-anndata): ${why}`;
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another test file made them first
    }
  }
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  return { dir, expected, path: (name) => join(dir, name) };
}
