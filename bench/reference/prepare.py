"""Reading and preparing the data for the reference (docs/method.md, "Inputs"): X, Z and the feature names."""
import csv
import re

import numpy as np

# Numeric columns with these names, or ending in _id, label samples rather than measure them.
METADATA_NAMES = {"id", "label", "class", "target", "cluster", "blob", "sample"}


class InputError(Exception):
    """Bad input: the message names the file, and the line and column where there is one."""


def _delimiter(first_line):
    """The most frequent of comma, semicolon and tab on the header line; comma on ties (as the engine)."""
    c, s, t = (first_line.count(x) for x in ",;\t")
    if s > c and s >= t:
        return ";"
    return "\t" if t > c and t > s else ","


def _column_values(cells):
    """A column as floats, NaN where a cell is not a finite number; None when no cell is a number (a text column)."""
    try:
        v = cells.astype(np.float64)
    except ValueError:
        v = np.array([_number(c) for c in cells.tolist()], dtype=np.float64)
    v[~np.isfinite(v)] = np.nan
    return None if np.isnan(v).all() else v


def _number(cell):
    s = cell.strip()
    # plain decimals only: Python's float() would also read "inf", "nan" and "1_000"
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        return np.nan
    return float(s)


def read_table(path):
    """Header, and per column its floats (or None for a text column)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
        f.seek(0)
        rows = list(csv.reader(f, delimiter=_delimiter(first)))
    if not rows or not rows[0]:
        raise InputError(f"{path}: the file is empty; it needs a header line and rows")
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if r]
    for i, r in enumerate(body):
        if len(r) != len(header):
            # line numbers assume one line per row, as the bench's files have
            raise InputError(f"{path}:{i + 2}: {len(r)} cells where the header has {len(header)}")
    cells = np.array(body, dtype=str).reshape(len(body), len(header))
    return header, [_column_values(cells[:, j]) for j in range(len(header))]


def _is_metadata(name):
    n = name.lower()
    return n in METADATA_NAMES or n.endswith("_id")


def _embedding_names(header, given):
    if given:
        return given
    if "x" in header and "y" in header:
        return ["x", "y"]
    raise InputError("no embedding columns named: give them with --emb (e.g. --emb umap_1,umap_2)")


def prepare(path, emb, metadata, max_features):
    """X (E x F), Z (E x d), feature names and what was dropped, following docs/method.md's input rules."""
    header, cols = read_table(path)
    index = {h: j for j, h in enumerate(header)}
    emb = _embedding_names(header, emb)
    for name in emb + metadata:
        if name not in index:
            raise InputError(f"{path}:1: column {name!r} is not in the header")
        if name in emb and cols[index[name]] is None:
            raise InputError(f"{path}:1: embedding column {name!r} holds text, not numbers")
    skip = set(emb) | set(metadata)
    feats = [h for h in header if cols[index[h]] is not None and h not in skip and not _is_metadata(h)]
    if not feats:
        raise InputError(f"{path}: no numeric feature columns")
    Z = np.column_stack([cols[index[h]] for h in emb])
    X = np.column_stack([cols[index[h]] for h in feats])
    # a missing or non-numeric value in a feature or embedding column drops the row, never imputed
    ok = ~(np.isnan(X).any(axis=1) | np.isnan(Z).any(axis=1))
    X, Z = X[ok], Z[ok]
    if len(X) == 0:
        raise InputError(f"{path}: every row has a missing value in a feature or embedding column")
    varies = (X != X[0]).any(axis=0)
    varying = np.flatnonzero(varies)
    sd = X[:, varying].std(axis=0)
    # most variable first, file order among equals; the kept ones go back to file order
    keep = np.sort(varying[np.argsort(-sd, kind="stable")[:max_features]])
    low = np.setdiff1d(varying, keep)
    constant = [feats[j] for j in np.flatnonzero(~varies)]
    if len(keep) == 0:
        raise InputError(f"{path}: every feature is constant over the rows kept")
    dropped = {"rows": int((~ok).sum()), "constant": constant, "lowVariance": [feats[j] for j in low]}
    return X[:, keep], Z, [feats[j] for j in keep], dropped
