#!/usr/bin/python3
"""Writes a large sparse AnnData file for bench/h5adMemory.ts: CELLS x GENES, about 5% non-zero, CSR float32.

    /usr/bin/python3 bench/write_sparse_h5ad.py OUT.h5ad [CELLS GENES DENSITY]
"""
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp


def main():
    out = sys.argv[1]
    cells, genes, density = (int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) > 4 else (100_000, 20_000, 0.05)
    rng = np.random.default_rng(0)
    # Gene-specific rates, so that variances differ and "most variable" means something.
    rate = rng.gamma(0.5, 2.0, genes).astype(np.float32)
    parts, step = [], 5_000
    for r0 in range(0, cells, step):
        n = min(step, cells - r0)
        mask = rng.random((n, genes), dtype=np.float32) < density
        rows, cols = np.nonzero(mask)
        data = (rng.poisson(rate[cols]) + 1).astype(np.float32)
        parts.append(sp.csr_matrix((data, (rows, cols)), shape=(n, genes)))
    x = sp.vstack(parts, format="csr")
    obs = pd.DataFrame({"leiden": pd.Categorical(rng.integers(0, 20, cells).astype(str))}, index=[f"cell{i}" for i in range(cells)])
    a = anndata.AnnData(X=x, obs=obs, var=pd.DataFrame(index=[f"gene{j}" for j in range(genes)]))
    a.obsm["X_umap"] = rng.normal(size=(cells, 2)).astype(np.float32)
    a.write_h5ad(out)
    print(f"wrote {out}: {cells} x {genes}, {x.nnz} stored values")


if __name__ == "__main__":
    main()
