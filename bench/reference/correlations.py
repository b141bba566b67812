"""Step 2 of docs/method.md: per locality the feature correlations, weak ones (Fisher z at alpha) set to 0, as a sparse l x P matrix."""
import numpy as np
from scipy.sparse import csr_matrix
from scipy.stats import norm, rankdata


def fisher_threshold(alpha, n):
    """|r| below this is not significant at level alpha over n samples (two-sided Fisher z)."""
    return float(np.tanh(norm.isf(alpha / 2) / np.sqrt(max(n - 3, 1))))


def standardized(B, spearman):
    """Columns centred and scaled to unit norm, so that Y^T Y is the correlation matrix; a constant column becomes 0."""
    if spearman:
        B = rankdata(B, axis=0)
    scale = 1e-12 * (1 + np.abs(B).max(axis=0))
    Y = B - B.mean(axis=0)
    length = np.sqrt((Y * Y).sum(axis=0))
    defined = length > scale
    Y[:, ~defined] = 0.0
    Y[:, defined] /= length[defined]
    return Y


def correlations(X, members, alpha=1e-3, spearman=False):
    """R (l x P, CSR): locality p's correlation of features i < j at pair q (row-major upper triangle), 0 where weak."""
    F = X.shape[1]
    n = members.shape[1]
    iu, ju = np.triu_indices(F, 1)
    upper = iu * F + ju
    threshold = fisher_threshold(alpha, n)
    indptr, indices, data = [0], [], []
    for rows in members:
        Y = standardized(X[rows], spearman)
        r = (Y.T @ Y).ravel()[upper]
        q = np.flatnonzero((np.abs(r) >= threshold) & (r != 0))
        indices.append(q)
        # rounding can take |r| a hair past 1 for (anti)collinear features
        data.append(np.clip(r[q], -1.0, 1.0))
        indptr.append(indptr[-1] + len(q))
    R = csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(len(members), len(upper)))
    return R, threshold
