#!/usr/bin/env python3
"""Peer check for our NMF: scikit-learn's NMF (as lava_ref.py) on the A dumped by nmf.bench.ts --dump DIR.

Prints sklearn's time, iterations and error, and the agreement of its modules with ours: for each
sklearn pattern the best cosine among ours (mean and min), and the same for loadings.
usage: /usr/bin/python3 bench/kernels/nmf_sklearn.py DIR [SEEDS, e.g. 0,1,2]
"""
import json, sys, time
import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import NMF

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
l, P, k = meta["l"], meta["P"], meta["k"]
rowPtr = np.fromfile(f"{d}/rowPtr.i32", dtype=np.int32)
q = np.fromfile(f"{d}/pairIndex.i32", dtype=np.int32)
v = np.fromfile(f"{d}/value.f32", dtype=np.float32).astype(np.float64)
rows = np.repeat(np.arange(l), np.diff(rowPtr))
cols = np.where(v > 0, q, P + q)
A = csr_matrix((np.abs(v), (rows, cols)), shape=(l, 2 * P))
def best(a, b):
    an = a / (np.linalg.norm(a, axis=1, keepdims=True) + 1e-300)
    bn = b / (np.linalg.norm(b, axis=1, keepdims=True) + 1e-300)
    return (an @ bn.T).max(1)
Wo = np.fromfile(f"{d}/W.f64", dtype=np.float64).reshape(l, k)
Ho = np.fromfile(f"{d}/patterns.f32", dtype=np.float32).astype(np.float64).reshape(k, P)
AA = A.multiply(A).sum()
seeds = [int(x) for x in (sys.argv[2] if len(sys.argv) > 2 else "0").split(",")]
runs = []
# sklearn's NNDSVD draws its randomized SVD from random_state (None in lava_ref.py: a new draw per run),
# so several seeds show sklearn's own run-to-run spread next to its agreement with ours.
for seed in seeds:
    t = time.perf_counter()
    model = NMF(n_components=k, init="nndsvd", solver="cd", max_iter=400, tol=1e-4, random_state=seed)
    W = model.fit_transform(A)
    H = model.components_
    dt = time.perf_counter() - t
    err = np.sqrt(max(0.0, AA - 2 * (A @ H.T * W).sum() + ((W.T @ W) * (H @ H.T)).sum()) / AA)
    runs.append((seed, W, H[:, :P] - H[:, P:], dt, model.n_iter_, err))
out = {"ours_ms": round(meta["ms"]), "ours_iter": meta["iterations"], "ours_error": round(meta["error"], 5), "sklearn": []}
for seed, W, Hs, dt, it, err in runs:
    bp = best(Hs, Ho); bw = best(W.T, Wo.T)
    row = {"seed": seed, "s": round(dt, 2), "iter": int(it), "error": round(float(err), 5),
           "pattern_cos_mean": round(float(bp.mean()), 4), "pattern_cos_min": round(float(bp.min()), 4),
           "loading_cos_mean": round(float(bw.mean()), 4)}
    if seed != runs[0][0]:
        row["vs_sklearn_first_pattern_cos_mean"] = round(float(best(Hs, runs[0][2]).mean()), 4)
    out["sklearn"].append(row)
print(json.dumps(out, indent=1))
