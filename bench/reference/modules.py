"""Step 3 of docs/method.md: NMF of the sign-split locality x pair matrix (scikit-learn's CD solver), and the modules it gives."""
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.decomposition import NMF

TOP_PAIRS = 200


def sign_split(R):
    """A = [max(R, 0), max(-R, 0)] over its columns with a non-zero only (the others stay 0 in W H), and their indices in 0..2P-1."""
    A = hstack([R.maximum(0), (-R).maximum(0)]).tocsc()
    A.eliminate_zeros()  # maximum() keeps the other sign's entries as stored zeros
    active = np.flatnonzero(A.getnnz(axis=0))
    return A[:, active], active


def profile_start(A, k, iterations=30):
    """docs/method.md's start: columns of A grouped by the cosine of their profiles over the localities.

    Centres by weighted farthest-first (the heaviest column, then each time the column with the most
    weight ||a||^2 (1 - best cosine to a centre)), refined by spherical k-means in which a column weighs
    by its norm. W0[:, j] = centre j; H0[j, c] = the projection of column c on its centre, 0 elsewhere.
    """
    ell, m = A.shape
    norm2 = np.asarray(A.multiply(A).sum(axis=0)).ravel()
    length = np.sqrt(norm2)
    C = np.zeros((ell, k))
    best = np.full(m, -np.inf)
    used = 0
    for j in range(k):
        score = norm2 if j == 0 else norm2 * (1 - np.maximum(best, 0))
        pick = int(np.argmax(score))
        if j > 0 and not score[pick] > 1e-12 * norm2[pick]:
            break  # the columns span fewer directions than k: the other components start (and stay) empty
        C[:, j] = A[:, pick].toarray().ravel() / length[pick]
        best = np.maximum(best, (A.T @ C[:, j]) / length)
        used = j + 1
    C = C[:, :used]
    assign = None
    for _ in range(iterations):
        cos = (A.T @ C) / length[:, None]
        new = cos.argmax(axis=1)
        if assign is not None and np.array_equal(new, assign):
            break
        assign = new
        sums = (A @ csr_matrix((np.ones(m), (np.arange(m), assign)), shape=(m, used))).toarray()
        size = np.sqrt((sums * sums).sum(axis=0))
        C[:, size > 0] = sums[:, size > 0] / size[size > 0]  # an emptied cluster keeps its centre
    W0 = np.zeros((ell, k))
    W0[:, :used] = C
    H0 = np.zeros((k, m))
    H0[assign, np.arange(m)] = np.maximum(cos[np.arange(m), assign], 0) * length
    return W0, H0


def factorize(R, k, seed, init="profiles"):
    """W (l x k), H (k x 2P), iterations and relative error of NMF on A, started as `init` says."""
    A, active = sign_split(R)
    ell, P2 = R.shape[0], 2 * R.shape[1]
    H = np.zeros((k, P2))
    if A.nnz == 0:  # no significant correlation anywhere: every module is empty
        return np.zeros((ell, k)), H, 0, 0.0
    model = NMF(n_components=k, init="custom" if init == "profiles" else "nndsvd", solver="cd",
                beta_loss="frobenius", tol=1e-4, max_iter=400, random_state=seed)
    if init == "profiles":
        W0, H0 = profile_start(A, k)
        W = model.fit_transform(A, W=W0, H=H0)
    else:
        W = model.fit_transform(A)
    H[:, active] = model.components_
    error = model.reconstruction_err_ / np.sqrt((A.data ** 2).sum())
    return W, H, int(model.n_iter_), float(error)


def round6(values):
    """6 significant digits, as the engine writes them."""
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=np.float64).tolist()]


def summarize(W, H, members, E, names):
    """Modules, the largest total loading first: strongest pairs, per-sample activity, loadings, feature weights."""
    ell, k = W.shape
    F = len(names)
    P = H.shape[1] // 2
    h = H[:, :P] - H[:, P:]
    iu, ju = np.triu_indices(F, 1)
    # activity of sample i = mean loading over the localities that contain it (0 where none does)
    owner = np.repeat(np.arange(ell), members.shape[1])
    incidence = csr_matrix((np.ones(owner.size), (members.ravel(), owner)), shape=(E, ell))
    cover = np.asarray(incidence.sum(axis=1)).ravel()
    activity = np.divide(incidence @ W, cover[:, None], out=np.zeros((E, k)), where=cover[:, None] > 0)
    modules = []
    for rank, m in enumerate(np.argsort(-W.sum(axis=0), kind="stable")):
        q = np.flatnonzero(h[m])
        q = q[np.lexsort((q, -np.abs(h[m, q])))][:TOP_PAIRS]
        weight = np.bincount(iu, np.abs(h[m]), F) + np.bincount(ju, np.abs(h[m]), F)
        modules.append({
            "id": rank,
            "pairs": [{"a": names[iu[x]], "b": names[ju[x]], "r": r} for x, r in zip(q, round6(h[m, q]))],
            "activity": round6(activity[:, m]),
            "loadings": round6(W[:, m]),
            "featureWeights": round6(weight),
        })
    return modules
