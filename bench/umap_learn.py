#!/usr/bin/env python3
"""Bench peer for our UMAP: umap-learn on the same CSV, and the 15-NN preservation of embeddings.

Fits umap-learn twice in one process and reports the second fit's time (the first includes
numba's compilation, which a user pays once per process). Without --seed, umap-learn runs as a
user would call it (UMAP() with no random_state: parallel, not reproducible); without --epochs,
with its default epochs (500 up to 10,000 rows, else 200).
15-NN preservation: mean over samples of |kNN_X(i) & kNN_Z(i)| / 15, self excluded, X the
feature columns as given (Euclidean), Z the 2-D embedding.

usage: umap_learn.py DATA.csv OUT.json [--exclude label,umap_1,umap_2] [--neighbors 15]
       [--min-dist 0.1] [--epochs N] [--seed S] [--ours RESULT.json] [--no-fit]
--ours adds the preservation of the embedding stored in a LAVA result (embedding.coords).
"""
import argparse, json, time
import numpy as np
from sklearn.neighbors import NearestNeighbors


def read(path, exclude):
    with open(path) as fh:
        head = fh.readline().strip().split(",")
    keep = [i for i, h in enumerate(head) if h not in exclude]
    X = np.loadtxt(path, delimiter=",", skiprows=1, usecols=keep, dtype=np.float32)
    return X, [head[i] for i in keep]


def knn(A, k):
    # brute force is exact; the self match is dropped by asking for k + 1
    nn = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(A)
    idx = nn.kneighbors(A, return_distance=False)
    out = np.empty((len(A), k), dtype=np.int64)
    for i in range(len(A)):
        row = idx[i][idx[i] != i][:k]
        out[i] = row
    return out


def preservation(nx, Z, k):
    nz = knn(np.asarray(Z, dtype=np.float64), k)
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(nx, nz)]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data"); ap.add_argument("out")
    ap.add_argument("--exclude", default="label,umap_1,umap_2")
    ap.add_argument("--neighbors", type=int, default=15)
    ap.add_argument("--min-dist", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--ours", default=None)
    ap.add_argument("--no-fit", action="store_true")
    ap.add_argument("--k", type=int, default=15)
    a = ap.parse_args()
    X, names = read(a.data, set(a.exclude.split(",")))
    out = {"rows": int(X.shape[0]), "features": len(names)}
    if not a.no_fit:
        import umap
        times, cpu = [], []
        for _ in range(2):
            model = umap.UMAP(n_neighbors=a.neighbors, min_dist=a.min_dist, n_epochs=a.epochs, random_state=a.seed)
            t, c = time.perf_counter(), time.process_time()
            Z = model.fit_transform(X)
            times.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
        out |= {"first_fit_s": times[0], "second_fit_s": times[1], "second_fit_cpu_s": cpu[1],
                "umap_version": umap.__version__, "coords": Z.ravel().round(5).tolist()}
    nx = knn(X, a.k)
    if not a.no_fit:
        out["preservation"] = preservation(nx, Z, a.k)
    if a.ours:
        res = json.load(open(a.ours))
        emb = res["embedding"]
        Zo = np.array(emb["coords"], dtype=np.float64).reshape(-1, emb["dims"])
        if len(Zo) != len(X):
            raise SystemExit(f"{a.ours}: {len(Zo)} embedded rows but {len(X)} in {a.data}")
        out["ours_preservation"] = preservation(nx, Zo, a.k)
    json.dump(out, open(a.out, "w"))
    print(json.dumps({k: v for k, v in out.items() if k != "coords"}))


if __name__ == "__main__":
    main()
