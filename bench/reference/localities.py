"""Step 1 of docs/method.md in numpy, scikit-learn and scipy: probes by weighted k-means, (alpha, beta) by DIRECT."""
import warnings

import numpy as np
from scipy.optimize import direct
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.neighbors import NearestNeighbors


def knn_stats(nn, Z, n):
    """In-degree c_i (how many samples have i among their n nearest, self excluded) and mean distance d_i to own n nearest."""
    E = len(Z)
    dist, idx = nn.kneighbors(Z, n + 1)
    is_self = idx == np.arange(E)[:, None]
    # drop the sample itself; where coinciding points hid it, drop the farthest of the n + 1 instead
    drop = is_self.copy()
    drop[~is_self.any(axis=1), -1] = True
    idx = idx[~drop].reshape(E, n)
    dist = dist[~drop].reshape(E, n)
    return np.bincount(idx.ravel(), minlength=E), dist.mean(axis=1)


def weighted_seeds(Z, w, k, rng):
    """k-means++ seeding with weights: the first centre drawn by w, each next one by w * D^2."""
    E = len(Z)
    first = np.searchsorted(np.cumsum(w), rng.random() * w.sum(), side="right")
    C = np.empty((k, Z.shape[1]))
    C[0] = Z[min(first, E - 1)]
    D2 = ((Z - C[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        mass = np.cumsum(w * D2)
        if mass[-1] > 0:
            pick = np.searchsorted(mass, rng.random() * mass[-1], side="right")
        else:  # fewer distinct points than k: repeat one, drawn by weight
            pick = np.searchsorted(np.cumsum(w), rng.random() * w.sum(), side="right")
        C[j] = Z[min(pick, E - 1)]
        D2 = np.minimum(D2, ((Z - C[j]) ** 2).sum(axis=1))
    return C


def probes(Z, w, k, seed):
    """Weighted k-means centroids: our seeding (scikit-learn 1.2's k-means++ ignores weights), scikit-learn's Lloyd."""
    seeds = weighted_seeds(Z, w, k, np.random.default_rng(seed))
    km = KMeans(n_clusters=k, init=seeds, n_init=1, max_iter=50, tol=0.0, algorithm="lloyd")
    with warnings.catch_warnings():
        # coinciding seeds (few distinct points) are fine: the loss below judges the outcome
        warnings.simplefilter("ignore", ConvergenceWarning)
        return km.fit(Z, sample_weight=w).cluster_centers_


def coverage_loss(members, in_degree):
    """J = sum_i (m_i / sum m - c_i / sum c)^2, m_i = how many localities contain sample i."""
    m = np.bincount(members.ravel(), minlength=len(in_degree))
    return float((((m / m.sum()) - in_degree / in_degree.sum()) ** 2).sum())


def localities(Z, n, o, seed, evaluations=40, bounds=(-2.0, 2.0)):
    """Probes, members (l x n sample indices) and the fitted alpha, beta, J of docs/method.md Step 1."""
    E = len(Z)
    ell = min(E, int(np.ceil(E * o / n)))
    nn = NearestNeighbors(n_neighbors=n).fit(Z)
    c, dbar = knn_stats(nn, Z, n)
    log_c1 = np.log(c + 1.0)
    log_d = np.log(dbar + 1e-12)
    best = {"J": np.inf, "evaluations": 0}

    def objective(ab):
        if best["evaluations"] >= evaluations:
            # scipy's maxfun is approximate; past the budget nothing is computed and the best stays as it is
            return best["J"] + 1.0
        # every evaluation restarts the k-means from the same seed, so J is a function of (alpha, beta)
        w = np.exp(ab[0] * log_c1 - ab[1] * log_d)
        P = probes(Z, w, ell, seed)
        members = nn.kneighbors(P, n, return_distance=False)
        J = coverage_loss(members, c)
        best["evaluations"] += 1
        if J < best["J"]:
            best.update(J=J, alpha=float(ab[0]), beta=float(ab[1]), probes=P, members=members)
        return J

    direct(objective, [bounds, bounds], maxfun=evaluations, locally_biased=True)
    return best
