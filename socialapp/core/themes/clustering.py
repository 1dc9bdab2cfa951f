"""Clustering: a consensus of several methods, views and neighbouring numbers of groups."""

from __future__ import annotations

import math
import warnings

import numpy as np


def unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 1e-12, norms, 1.0)


def derived_views(x: np.ndarray) -> list[np.ndarray]:
    """The embedding as given, centred, neighbour-smoothed and PCA-reduced."""
    from sklearn.decomposition import PCA

    n = len(x)
    centred = unit_rows(x - x.mean(axis=0))
    views = [unit_rows(x), centred]
    if n >= 4:
        sims = centred @ centred.T
        np.fill_diagonal(sims, -np.inf)
        m = min(5, n - 1)
        nearest = np.argsort(-sims, axis=1, kind="stable")[:, :m]
        views.append(unit_rows(centred + centred[nearest].mean(axis=1)))
    dims = min(8, n - 1, x.shape[1])
    if dims >= 2 and float(x.var(axis=0).sum()) > 1e-9:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # near-constant input: 0/0 variance ratios
            reduced = PCA(n_components=dims, random_state=0).fit_transform(x)
        views.append(unit_rows(reduced))
    return views


def cluster_once(z: np.ndarray, k: int, method: str) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering

    if method == "ward":
        return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(z)
    if method == "average":
        dist = np.clip(1.0 - z @ z.T, 0.0, 2.0)
        np.fill_diagonal(dist, 0.0)
        return AgglomerativeClustering(
            n_clusters=k, metric="precomputed", linkage="average"
        ).fit_predict(dist)
    if method == "kmeans":
        return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(z)
    if method == "spectral":
        n = len(z)
        neighbours = min(n - 1, max(5, round(math.sqrt(n))))
        return SpectralClustering(
            n_clusters=k,
            affinity="nearest_neighbors",
            n_neighbors=neighbours,
            random_state=0,
            assign_labels="cluster_qr",
        ).fit_predict(z)
    raise ValueError(method)


# Above this many notes the consensus uses one k instead of three; above the
# second, a single k-means run replaces it (walls that large are rare).
_WIDE_CONSENSUS_MAX_NOTES = 600
_CONSENSUS_MAX_NOTES = 3000


def consensus_labels(views: list[np.ndarray], k: int) -> np.ndarray:
    """Cut the co-association matrix of many clusterings into ``k`` groups."""
    from sklearn.cluster import AgglomerativeClustering
    from threadpoolctl import threadpool_limits

    n = len(views[0])
    if n > _CONSENSUS_MAX_NOTES:
        # An n x n co-association matrix would be too big: one k-means run.
        with threadpool_limits(limits=1):
            return cluster_once(views[min(1, len(views) - 1)], k, "kmeans")
    together = np.zeros((n, n))
    runs = 0
    spread = (k - 1, k, k + 1) if n <= _WIDE_CONSENSUS_MAX_NOTES else (k,)
    ks = [kk for kk in spread if 2 <= kk < n]
    methods = ["ward", "average", "kmeans"] + (["spectral"] if n >= 8 else [])
    # One BLAS/OpenMP thread: on these small matrices more threads only
    # contend (seen: KMeans 40x slower on 2 cores), and the server keeps a core.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        # Duplicate notes or a disconnected neighbour graph make some methods
        # warn; the consensus does not mind.
        warnings.simplefilter("ignore")
        for z in views:
            for kk in ks:
                for method in methods:
                    labels = cluster_once(z, kk, method)
                    together += labels[:, None] == labels[None, :]
                    runs += 1
        dist = 1.0 - together / max(runs, 1)
        return AgglomerativeClustering(
            n_clusters=k, metric="precomputed", linkage="average"
        ).fit_predict(dist)
