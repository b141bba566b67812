#!/usr/bin/python3
"""Writes the .h5ad, .npy and .npz test fixtures with the real writers (anndata, numpy) into a folder,
with expected.json holding the values they hold, for test/engine/read/ to compare the readers against;
and one planted data set (planted.csv) written again as .h5ad (dense, CSR, in a layer, in raw) and .npy,
for the end-to-end tests that check every format gives the CSV's modules.

    /usr/bin/python3 scripts/format-fixtures.py OUT_DIR

Needs Debian's python3-anndata (which brings numpy, scipy, pandas and h5py).
"""
import json
import os
import sys
import warnings

import anndata
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp

warnings.filterwarnings("ignore")

N_OBS, N_VARS, N_RAW = 37, 11, 13


def matrix(rng):
    """Counts-like values, mostly zero; gene 3 is all zero (constant), gene 5 never zero, row 4 empty."""
    x = rng.poisson(0.7, (N_OBS, N_VARS)).astype(np.float32) * rng.choice([0.5, 1.0, 2.25], (N_OBS, N_VARS))
    x[10, :] = rng.uniform(0.1, 3, N_VARS)  # a dense row: more stored values than a small chunk
    x[:, 3] = 0
    x[:, 5] = rng.uniform(1, 9, N_OBS).astype(np.float32)
    x[4, :] = 0
    return x.astype(np.float32)


def obs_frame(rng):
    cell_type = pd.Categorical(rng.choice(["B", "NK", "T cell"], N_OBS), categories=["B", "NK", "T cell"])
    cell_type[7] = np.nan
    n_counts = rng.uniform(500, 5000, N_OBS)
    n_counts[5] = np.nan
    return pd.DataFrame(
        {
            "cell_type": cell_type,
            "leiden": pd.Categorical(rng.choice(["0", "1", "2", "3"], N_OBS)),
            "n_counts": n_counts,
            "n_genes": rng.integers(100, 900, N_OBS).astype(np.int64),
            "is_doublet": rng.random(N_OBS) < 0.2,
            "sample_id": [f"Zelle-ß-{i}" for i in range(N_OBS)],
        },
        index=[f"AAAC{i:03d}-1" for i in range(N_OBS)],
    )


def build(rng):
    x = matrix(rng)
    genes = [f"GENE{j}" for j in range(N_VARS - 2)] + ["CD3E", "MS4A1"]
    var = pd.DataFrame(
        {"gene_ids": [f"ENSG{j:011d}" for j in range(N_VARS)], "highly_variable": np.arange(N_VARS) % 2 == 0},
        index=genes,
    )
    a = anndata.AnnData(X=x, obs=obs_frame(rng), var=var)
    a.obsm["X_umap"] = rng.normal(size=(N_OBS, 2)).astype(np.float32)
    a.obsm["X_pca"] = rng.normal(size=(N_OBS, 4))
    a.layers["counts"] = rng.poisson(3, (N_OBS, N_VARS)).astype(np.int32)
    a.layers["scaled_csr"] = sp.csr_matrix(x * 2)
    raw_x = np.hstack([x, rng.poisson(1, (N_OBS, N_RAW - N_VARS)).astype(np.float32)])
    raw_var = pd.DataFrame(index=genes + ["RAW1", "RAW2"])
    a.raw = anndata.AnnData(X=sp.csr_matrix(raw_x), obs=a.obs[[]], var=raw_var)
    return a, raw_x


def stats(x):
    x = np.asarray(x, dtype=np.float64)
    return {"mean": x.mean(0).tolist(), "variance": x.var(0).tolist()}


def obs_expected(obs):
    out = {}
    for name in obs.columns:
        col = obs[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            out[name] = {"kind": "categorical", "codes": col.cat.codes.tolist(), "categories": list(col.cat.categories)}
        elif col.dtype == bool:
            out[name] = {"kind": "categorical", "codes": col.astype(int).tolist(), "categories": ["false", "true"]}
        elif col.dtype == object:
            out[name] = {"kind": "text", "values": col.tolist()}
        else:
            out[name] = {"kind": "numeric", "values": [None if np.isnan(v) else float(v) for v in col]}
    return out


def write_h5ad(out):
    rng = np.random.default_rng(11)
    a, raw_x = build(rng)
    x = a.X.copy()
    a.write_h5ad(os.path.join(out, "cells_dense.h5ad"))
    a.X = sp.csr_matrix(x)
    a.write_h5ad(os.path.join(out, "cells_csr.h5ad"))
    a.X = sp.csc_matrix(x)
    a.write_h5ad(os.path.join(out, "cells_csc.h5ad"))
    # Compressed as anndata users often write: gzip (HDF5's own filter) and lzf (h5py's, not in h5wasm).
    a.write_h5ad(os.path.join(out, "cells_csc_gzip.h5ad"), compression="gzip")
    a.X = x
    a.write_h5ad(os.path.join(out, "cells_dense_gzip.h5ad"), compression="gzip")
    a.write_h5ad(os.path.join(out, "cells_dense_lzf.h5ad"), compression="lzf")
    write_old_format(os.path.join(out, "old_format.h5ad"), x)
    return {
        "n_obs": N_OBS,
        "n_vars": N_VARS,
        "obs_names": list(a.obs_names),
        "var_names": list(a.var_names),
        "gene_ids": list(a.var["gene_ids"]),
        "var_columns": list(a.var.columns),
        "raw_var_names": list(a.raw.var_names),
        "X": x.astype(np.float64).ravel().tolist(),
        "X_stats": stats(x),
        "counts": a.layers["counts"].astype(np.float64).ravel().tolist(),
        "scaled_csr": (x.astype(np.float64) * 2).ravel().tolist(),
        "raw_X": raw_x.astype(np.float64).ravel().tolist(),
        "raw_stats": stats(raw_x),
        "obsm": {k: np.asarray(v, dtype=np.float64).ravel().tolist() for k, v in a.obsm.items()},
        "obs": obs_expected(a.obs),
        "layers": list(a.layers.keys()),
    }


def write_old_format(path, x):
    """The layout of anndata before 0.8 (obs as one compound dataset, no encoding attributes), via h5py."""
    with h5py.File(path, "w") as f:
        f.create_dataset("X", data=x)
        f.create_dataset("obs", data=np.array([(b"c0",)], dtype=[("index", "S8")]))
        f.create_dataset("var", data=np.array([(b"g0",)], dtype=[("index", "S8")]))


def write_numpy(out):
    rng = np.random.default_rng(7)
    x = matrix(rng)
    umap = rng.normal(size=(N_OBS, 2))
    label = rng.integers(0, 3, N_OBS).astype(np.int16)
    np.save(os.path.join(out, "features_f4.npy"), x)
    np.save(os.path.join(out, "features_f8_be.npy"), x.astype(">f8"))
    np.save(os.path.join(out, "features_i2.npy"), np.rint(x * 4).astype(np.int16))
    np.save(os.path.join(out, "features_bool.npy"), x > 1)
    np.save(os.path.join(out, "umap.npy"), umap)
    np.save(os.path.join(out, "fortran.npy"), np.asfortranarray(x.astype(np.float64)))
    np.save(os.path.join(out, "object.npy"), np.array([[1, "a"], [2, "b"]], dtype=object), allow_pickle=True)
    np.save(os.path.join(out, "strings.npy"), np.array([["a", "b"], ["c", "d"]]))
    np.save(os.path.join(out, "vector.npy"), np.arange(5.0))
    np.savez(os.path.join(out, "bundle.npz"), X=x, umap=umap, label=label)
    np.savez_compressed(os.path.join(out, "bundle_compressed.npz"), X=x, umap=umap, label=label)
    np.savez(os.path.join(out, "no_x.npz"), a=x, b=umap)
    return {
        "rows": N_OBS,
        "cols": N_VARS,
        "X": x.astype(np.float64).ravel().tolist(),
        "X_stats": stats(x),
        "i2": np.rint(x * 4).ravel().tolist(),
        "bool": (x > 1).astype(np.float64).ravel().tolist(),
        "umap": umap.ravel().tolist(),
        "label": label.astype(np.float64).tolist(),
    }


GENES = ["CD3E", "CD3D", "CD2", "MS4A1", "CD79A", "CD79B", "LYZ", "S100A8", "GNLY", "NKG7", "ACTB", "MALAT1"]


def planted(rng, per_blob=200):
    """Three blobs on the map; CD3E~CD3D~CD2 correlate in blobs 0 and 2, MS4A1~CD79A~CD79B in blob 1."""
    blobs = np.repeat(np.arange(3), per_blob)
    angle = 2 * np.pi * blobs / 3
    umap = np.stack([10 * np.cos(angle), 10 * np.sin(angle)], 1) + rng.normal(size=(len(blobs), 2))
    x = rng.normal(size=(len(blobs), len(GENES)))
    for genes, on in (([0, 1, 2], [0, 2]), ([3, 4, 5], [1])):
        rows = np.isin(blobs, on)
        shared = rng.normal(size=rows.sum())
        for g in genes:
            x[rows, g] = np.sqrt(0.8) * shared + np.sqrt(0.2) * rng.normal(size=rows.sum())
    x = x * rng.uniform(0.5, 3, len(GENES)) + rng.uniform(2, 9, len(GENES))
    return x, umap, blobs


def write_planted(out):
    rng = np.random.default_rng(5)
    x, umap, blobs = planted(rng)
    n = len(blobs)
    barcodes = [f"AAAC{i:04d}-1" for i in range(n)]
    cell_type = np.array(["T cell", "B cell", "T cell"])[blobs]
    # The CSV a Seurat user exports: clusters as numbers (which must not become features), barcodes as text.
    csv = pd.DataFrame(x, columns=GENES)
    csv["umap_1"], csv["umap_2"] = umap[:, 0], umap[:, 1]
    csv["RNA_snn_res.1"] = blobs
    csv["seurat_clusters"] = blobs
    csv["barcode"] = barcodes
    csv.to_csv(os.path.join(out, "planted.csv"), index=False, float_format="%.17g")
    obs = pd.DataFrame(
        {"leiden": pd.Categorical(blobs.astype(str)), "cell_type": pd.Categorical(cell_type)}, index=barcodes
    )
    var = pd.DataFrame({"gene_ids": [f"ENSG{j:011d}" for j in range(len(GENES))]}, index=GENES)
    other = rng.normal(size=(n, 2))
    # float64 as the CSV holds them (anndata 0.8 would make X float32 by default).
    a = anndata.AnnData(X=x, obs=obs, var=var, dtype=np.float64)
    a.obsm["X_umap"] = umap
    a.obsm["X_tsne"] = other
    a.write_h5ad(os.path.join(out, "planted_dense.h5ad"))
    a.X = sp.csr_matrix(x)
    a.write_h5ad(os.path.join(out, "planted_csr.h5ad"))
    # The planted values in a layer and in raw (with two more, constant genes); X is noise.
    a.layers["planted"] = sp.csr_matrix(x)
    raw_x = np.hstack([x, np.zeros((n, 2))])
    raw_var = pd.DataFrame(index=GENES + ["RAW1", "RAW2"])
    a.raw = anndata.AnnData(X=raw_x, obs=a.obs[[]], var=raw_var, dtype=np.float64)
    a.X = rng.normal(size=x.shape)
    a.write_h5ad(os.path.join(out, "planted_layers.h5ad"))
    np.save(os.path.join(out, "planted_X.npy"), x)
    np.save(os.path.join(out, "planted_umap.npy"), umap)
    np.save(os.path.join(out, "planted_umap_short.npy"), umap[:-1])
    obs.reset_index(names="barcode").to_csv(os.path.join(out, "planted_meta.csv"), index=False)
    return {"rows": n, "genes": GENES, "gene_ids": list(var["gene_ids"]), "X_tsne": other.ravel().tolist()}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    expected = {
        "anndata": anndata.__version__,
        "h5ad": write_h5ad(out),
        "numpy": write_numpy(out),
        "planted": write_planted(out),
    }
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
