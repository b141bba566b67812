#!/usr/bin/env python3
"""LAVA in numpy, scipy and scikit-learn, written from docs/method.md: the reference `npm run bench` times `lava explain` against.

usage: /usr/bin/python3 bench/reference/lava_ref.py DATA.csv OUT.json [--emb x,y] [--n 100] [--o 3] [--k 8]
         [--seed 0] [--max-features 256] [--alpha 0.001] [--correlation pearson|spearman]
         [--nmf-init profiles|nndsvd] [--direct-evaluations 40] [--direct-bounds -2,2] [--metadata COLS]

Writes OUT.json atomically: the features kept, the fitted alpha, beta and J, and per module its strongest
feature pairs with signed weights (at most 200), per-sample activity, locality loadings and feature weights.
Prints one JSON line whose "timings" are seconds since the start after each step (read, localities,
correlations, modules). Not covered: computing an embedding (UMAP) and the Boolean (Asso) factorization.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the script in the repository

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from correlations import correlations  # noqa: E402
from localities import localities  # noqa: E402
from modules import factorize, summarize  # noqa: E402
from prepare import InputError, prepare  # noqa: E402

MIN_NEIGHBOURS = 5


def arguments(argv):
    ap = argparse.ArgumentParser(description="LAVA reference (docs/method.md) in numpy / scipy / scikit-learn")
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--emb", default="", help="embedding columns (default x,y)")
    ap.add_argument("--n", type=int, default=100, help="neighbourhood size (samples per locality)")
    ap.add_argument("--o", type=float, default=3.0, help="overlap factor")
    ap.add_argument("--k", type=int, default=8, help="number of modules")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-features", type=int, default=256)
    ap.add_argument("--alpha", type=float, default=1e-3, help="significance level of the Fisher z threshold")
    ap.add_argument("--correlation", choices=["pearson", "spearman"], default="pearson")
    ap.add_argument("--nmf-init", choices=["profiles", "nndsvd"], default="profiles")
    ap.add_argument("--direct-evaluations", type=int, default=40)
    ap.add_argument("--direct-bounds", default="-2,2")
    ap.add_argument("--metadata", default="", help="numeric columns that are not features")
    return ap.parse_args(argv)


def names(text):
    return [s.strip() for s in text.split(",") if s.strip()]


def write_atomically(path, value):
    """A temporary file beside the target, then a rename: a stopped run leaves no half-written result."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".lava_ref-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(value, f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run(a):
    t0 = time.perf_counter()
    timings = {}

    def done(step):
        timings[step] = round(time.perf_counter() - t0, 3)

    X, Z, features, dropped = prepare(a.data, names(a.emb), names(a.metadata), a.max_features)
    E = len(X)
    if E < 3 * MIN_NEIGHBOURS:
        raise InputError(f"{a.data}: {E} usable rows; LAVA needs at least {3 * MIN_NEIGHBOURS}")
    n = min(a.n, E // 3)  # lowered on small data, as the engine does
    done("read")
    lo, hi = (float(x) for x in a.direct_bounds.split(","))
    loc = localities(Z, n, a.o, a.seed, a.direct_evaluations, (lo, hi))
    done("localities")
    R, threshold = correlations(X, loc["members"], a.alpha, a.correlation == "spearman")
    done("correlations")
    W, H, iterations, error = factorize(R, a.k, a.seed, a.nmf_init)
    modules = summarize(W, H, loc["members"], E, features)
    done("modules")
    diagnostics = {
        "rows": E, "features": len(features), "neighbors": n, "localities": len(loc["members"]),
        "alpha": loc["alpha"], "beta": loc["beta"], "J": loc["J"], "evaluations": loc["evaluations"],
        "threshold": threshold, "nmfIterations": iterations, "nmfError": error, "dropped": dropped,
    }
    result = {"schemaVersion": 1, "reference": "bench/reference/lava_ref.py", "params": vars(a),
              "features": features, "modules": modules, "diagnostics": diagnostics}
    return result, diagnostics, timings


def main(argv):
    a = arguments(argv)
    try:
        result, diagnostics, timings = run(a)
    except (InputError, OSError) as e:
        print(f"lava_ref.py: {e}", file=sys.stderr)
        return 2
    write_atomically(a.out, result)
    print(json.dumps({k: v for k, v in diagnostics.items() if k != "dropped"} | {"timings": timings}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
