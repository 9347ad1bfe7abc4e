"""Offline, seeded datasets for the course: toy 2-D sets, a 1-D curve, digits and a housing table.

Nothing here downloads anything: every dataset is generated from a seed or read from a file that
ships with scikit-learn. Every function returns NumPy arrays with rows as examples:
``X`` of shape ``(num_samples, num_features)`` in float64 and ``y`` of shape ``(num_samples,)``
(integer class labels ``0..K-1`` for classification, float64 targets for regression). Labels are
NumPy's index integer (``np.intp``): int64 on every 64-bit machine, int32 in the browser edition
(Pyodide is 32-bit), so ``np.bincount(y)`` and indexing work on both.

The two-dimensional sets ``circle``, ``xor``, ``gauss``, ``spiral``, ``reg_plane`` and ``reg_gauss``
are modelled on the generators of TensorFlow Playground (https://playground.tensorflow.org), written
afresh here: the same shapes, coordinates in about [-6, 6], and ``noise`` meaning what the
Playground's noise slider means (0.0 to 0.5 there, 0 % to 50 %). Playground labels are -1/+1; here
they are 0/1, with the Playground's positive (blue) class as 1.

Introduced in notebook 04_layers_and_network_size (the toy sets), used throughout.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Integral, Real

import numpy as np

LABEL_DTYPE = np.intp  # int64 on 64-bit machines; np.bincount refuses int64 where intp is int32

PLAYGROUND = ("circle", "xor", "gauss", "spiral")
"""The classification datasets of TensorFlow Playground, in its order."""

HOUSE_PRICE_FEATURES = [
    "area_m2",
    "bedrooms",
    "neighbourhood_score",
    "distance_km",
    "age_years",
    "has_garden",
]
"""The column names of ``house_prices``'s ``X``, in order."""

Dataset = tuple[np.ndarray, np.ndarray]


# --------------------------------------------------------------------------------------------
# Argument checks: every message names the argument, the value received and what to pass instead.
# --------------------------------------------------------------------------------------------


def _check_n(n: object, where: str, arg: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise TypeError(
            f"{where}: `{arg}` (the number of samples) must be an int, got "
            f"{type(n).__name__} {n!r}. Pass a whole number such as {arg}=200."
        )
    if n <= 0:
        raise ValueError(
            f"{where}: `{arg}` (the number of samples) must be positive, got {n}. "
            f"Pass a whole number such as {arg}=200."
        )
    return int(n)


def _check_noise(noise: object, where: str) -> float:
    if isinstance(noise, bool) or not isinstance(noise, Real):
        raise TypeError(
            f"{where}: `noise` must be a number, got {type(noise).__name__} {noise!r}. "
            "Pass e.g. noise=0.1."
        )
    if not math.isfinite(noise) or noise < 0:
        raise ValueError(
            f"{where}: `noise` must be a finite number >= 0 (0 means no noise), got {noise}. "
            "Pass e.g. noise=0.1."
        )
    return float(noise)


def _rng(seed: object, where: str) -> np.random.Generator:
    # None is allowed on purpose (fresh randomness), but the course always passes an int.
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, Integral)):
        raise TypeError(
            f"{where}: `seed` must be an int (or None for a different dataset every call), got "
            f"{type(seed).__name__} {seed!r}. Pass e.g. seed=0."
        )
    if seed is not None and seed < 0:
        raise ValueError(f"{where}: `seed` must be >= 0, got {seed}. Pass e.g. seed=0.")
    return np.random.default_rng(seed)


def _class_sizes(n: int, num_classes: int) -> list[int]:
    """Split ``n`` samples evenly; the first ``n % num_classes`` classes get one more."""
    return [n // num_classes + (1 if k < n % num_classes else 0) for k in range(num_classes)]


def _shuffled(X: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> Dataset:
    """Shuffle rows, so the first rows are not all of one class (as they are when generated)."""
    order = rng.permutation(len(y))
    return X[order], y[order]


# --------------------------------------------------------------------------------------------
# TensorFlow Playground classification sets
# --------------------------------------------------------------------------------------------


def circle(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """A disc of class 1 inside a ring of class 0 (TensorFlow Playground's "circle").

    Class 1 points lie at radius ``r ~ U(0, 2.5)``, class 0 at ``r ~ U(3.5, 5)``, at uniformly
    random angles. As in the Playground, noise does not move the points: each point's label is
    decided at a jittered position ``(x1, x2) + noise * U(-5, 5)^2``, so labels near the boundary
    flip.

    Args:
        n: number of samples (half of each class; class 1 gets the odd one).
        noise: label noise, 0.0 (clean) to about 0.5 (the Playground's 50 %).
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` int64 of shape ``(n,)`` in {0, 1}.

    Example:
        >>> X, y = circle(n=100, noise=0.1, seed=0)
        >>> X.shape, y.shape
        ((100, 2), (100,))

    Introduced in notebook 04_layers_and_network_size.
    """
    n, noise, rng = _check_n(n, "circle"), _check_noise(noise, "circle"), _rng(seed, "circle")
    radius = 5.0
    num_neg, num_pos = _class_sizes(n, 2)[::-1]
    r = np.concatenate(
        [rng.uniform(0, radius * 0.5, num_pos), rng.uniform(radius * 0.7, radius, num_neg)]
    )
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    jitter = rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.linalg.norm(X + jitter, axis=1) < radius * 0.5).astype(LABEL_DTYPE)
    return _shuffled(X, y, rng)


def xor(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """Four quadrants, class 1 where ``x1 * x2 >= 0`` (TensorFlow Playground's "exclusive or").

    Coordinates are ``U(-5, 5)`` pushed 0.3 away from each axis, so clean data has a visible gap.
    As in the Playground, noise decides each label at a jittered position
    ``(x1, x2) + noise * U(-5, 5)^2`` and leaves the point where it is.

    Args:
        n: number of samples.
        noise: label noise, 0.0 (clean) to about 0.5.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` int64 of shape ``(n,)`` in {0, 1}.

    Example:
        >>> X, y = xor(n=8, seed=1)
        >>> bool(np.all(y == (X[:, 0] * X[:, 1] >= 0)))
        True

    Introduced in notebook 04_layers_and_network_size.
    """
    n, noise, rng = _check_n(n, "xor"), _check_noise(noise, "xor"), _rng(seed, "xor")
    padding = 0.3
    X = rng.uniform(-5, 5, (n, 2))
    X += np.where(X > 0, padding, -padding)
    jittered = X + rng.uniform(-5, 5, (n, 2)) * noise
    y = (jittered[:, 0] * jittered[:, 1] >= 0).astype(LABEL_DTYPE)
    return X, y


def gauss(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """Two Gaussian blobs, class 1 around (2, 2) and class 0 around (-2, -2).

    As in TensorFlow Playground, noise widens the blobs until they overlap: the variance of each
    coordinate is ``0.5 + 7 * noise`` (0.5 at noise 0, 4.0 at noise 0.5).

    Args:
        n: number of samples (half of each class).
        noise: how much the blobs spread, 0.0 to about 0.5.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` int64 of shape ``(n,)`` in {0, 1}.

    Example:
        >>> X, y = gauss(n=200, seed=0)
        >>> bool(X[y == 1].mean() > 0 > X[y == 0].mean())
        True

    Introduced in notebook 04_layers_and_network_size.
    """
    n, noise, rng = _check_n(n, "gauss"), _check_noise(noise, "gauss"), _rng(seed, "gauss")
    std = math.sqrt(0.5 + 7.0 * noise)
    num_neg, num_pos = _class_sizes(n, 2)[::-1]
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [num_pos, num_neg], axis=0)
    X = centres + rng.normal(0.0, std, (n, 2))
    y = np.repeat(np.array([1, 0], dtype=LABEL_DTYPE), [num_pos, num_neg])
    return _shuffled(X, y, rng)


def spiral(n: int = 200, noise: float = 0.0, seed: int | None = 0, num_classes: int = 2) -> Dataset:
    """Interleaved spiral arms, one per class (TensorFlow Playground's "spiral", plus more arms).

    Arm ``k`` of ``K = num_classes`` has points ``i = 0 .. n_k - 1`` at radius ``r = 5 i / n_k`` and
    angle ``t = 1.75 * 2 pi * i / n_k + 2 pi k / K``, i.e. ``(r sin t, r cos t)``, each coordinate
    moved by ``noise * U(-1, 1)``. With ``K = 2`` these are the Playground's two arms.

    Args:
        n: number of samples, shared as evenly as possible between the arms.
        noise: coordinate jitter, 0.0 to about 0.5 (try 1.0 for a hard problem).
        seed: seed for ``numpy.random.default_rng``.
        num_classes: number of arms (classes), at least 2.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` int64 of shape ``(n,)`` in
        ``0 .. num_classes - 1``.

    Example:
        >>> X, y = spiral(n=300, noise=0.1, num_classes=3)
        >>> np.bincount(y).tolist()
        [100, 100, 100]

    Introduced in notebook 04_layers_and_network_size; the 3-class spiral in 09_mlp_from_scratch.
    """
    n, noise, rng = _check_n(n, "spiral"), _check_noise(noise, "spiral"), _rng(seed, "spiral")
    if isinstance(num_classes, bool) or not isinstance(num_classes, Integral):
        raise TypeError(
            f"spiral: `num_classes` must be an int, got {type(num_classes).__name__} "
            f"{num_classes!r}. Pass e.g. num_classes=3."
        )
    if num_classes < 2:
        raise ValueError(
            f"spiral: `num_classes` must be at least 2 (one spiral arm per class), got "
            f"{num_classes}. Pass num_classes=2 for the Playground's spiral, 3 or more for a "
            "multi-class problem."
        )
    points, labels = [], []
    for k, size in enumerate(_class_sizes(n, num_classes)):
        fraction = np.arange(size) / size
        r = 5.0 * fraction
        t = 1.75 * 2 * np.pi * fraction + 2 * np.pi * k / num_classes
        arm = np.column_stack([r * np.sin(t), r * np.cos(t)])
        points.append(arm + rng.uniform(-1, 1, (size, 2)) * noise)
        labels.append(np.full(size, k, dtype=LABEL_DTYPE))
    return _shuffled(np.concatenate(points), np.concatenate(labels), rng)


def moons(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """Two interleaving half circles (the shape of scikit-learn's ``make_moons``).

    Class 0 is the upper arc ``(cos t, sin t)``, class 1 the lower arc ``(1 - cos t, 0.5 - sin t)``,
    with ``t ~ U(0, pi)``; Gaussian noise of standard deviation ``noise`` is added to each
    coordinate. Coordinates are in about [-1, 2] x [-0.5, 1], as in scikit-learn.

    Args:
        n: number of samples (half of each class).
        noise: standard deviation of the coordinate noise (0.1 to 0.3 is typical).
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` int64 of shape ``(n,)`` in {0, 1}.

    Example:
        >>> X, y = moons(n=100, noise=0.1, seed=0)
        >>> X.shape, sorted(set(y.tolist()))
        ((100, 2), [0, 1])

    Introduced in notebook 04_layers_and_network_size.
    """
    n, noise, rng = _check_n(n, "moons"), _check_noise(noise, "moons"), _rng(seed, "moons")
    num_upper, num_lower = _class_sizes(n, 2)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t[:num_upper]), np.sin(t[:num_upper])])
    lower = np.column_stack([1 - np.cos(t[num_upper:]), 0.5 - np.sin(t[num_upper:])])
    X = np.concatenate([upper, lower]) + rng.normal(0.0, noise, (n, 2))
    y = np.repeat(np.array([0, 1], dtype=LABEL_DTYPE), [num_upper, num_lower])
    return _shuffled(X, y, rng)


# --------------------------------------------------------------------------------------------
# TensorFlow Playground regression sets, and a 1-D curve
# --------------------------------------------------------------------------------------------


def reg_plane(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """A tilted plane, ``y = (x1 + x2) / 10`` (TensorFlow Playground's "plane" regression).

    Inputs are ``U(-6, 6)``. As in the Playground, the target is computed at a jittered position
    ``(x1, x2) + noise * U(-6, 6)^2`` while ``X`` keeps the clean position, so targets are noisy.

    Args:
        n: number of samples.
        noise: 0.0 (exact plane) to about 0.5.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` float64 of shape ``(n,)``, in about
        [-1.2, 1.2].

    Example:
        >>> X, y = reg_plane(n=5)
        >>> bool(np.allclose(y, X.sum(axis=1) / 10))
        True

    Introduced in notebook 09_mlp_from_scratch (the Playground's regression sets).
    """
    where = "reg_plane"
    n, noise, rng = _check_n(n, where), _check_noise(noise, where), _rng(seed, where)
    X = rng.uniform(-6, 6, (n, 2))
    jittered = X + rng.uniform(-6, 6, (n, 2)) * noise
    y = jittered.sum(axis=1) / 10.0
    return X, y


# (centre x1, centre x2, sign): alternating bumps and dips on a 3 x 2 grid, as in the Playground.
_REG_GAUSS_CENTRES = np.array(
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]],
    dtype=np.float64,
)


def reg_gauss(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> Dataset:
    """Six bumps and dips on a 3 x 2 grid (TensorFlow Playground's "multi Gaussian" regression).

    Each centre ``c_j`` with sign ``s_j`` contributes ``s_j * max(0, 1 - |x - c_j| / 2)`` (a cone of
    radius 2); the target is the contribution of largest magnitude. Centres are at
    ``x1 in {-4, 0, 4}``, ``x2 in {2.5, -2.5}`` with alternating signs. Inputs are ``U(-6, 6)``; as
    in the Playground, the target is computed at ``x + noise * U(-6, 6)^2``.

    Args:
        n: number of samples.
        noise: 0.0 to about 0.5.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 2)``; ``y`` float64 of shape ``(n,)`` in [-1, 1].

    Example:
        >>> X, y = reg_gauss(n=500, seed=0)
        >>> bool(y.min() >= -1 and y.max() <= 1)
        True

    Introduced in notebook 09_mlp_from_scratch (the Playground's regression sets).
    """
    where = "reg_gauss"
    n, noise, rng = _check_n(n, where), _check_noise(noise, where), _rng(seed, where)
    X = rng.uniform(-6, 6, (n, 2))
    jittered = X + rng.uniform(-6, 6, (n, 2)) * noise
    centres, signs = _REG_GAUSS_CENTRES[:, :2], _REG_GAUSS_CENTRES[:, 2]
    distance = np.linalg.norm(jittered[:, None, :] - centres[None, :, :], axis=2)  # (n, 6)
    contributions = signs * np.clip(1.0 - distance / 2.0, 0.0, 1.0)
    # argmax takes the first of equal magnitudes, like the Playground's strict ">" comparison.
    strongest = np.argmax(np.abs(contributions), axis=1)
    y = contributions[np.arange(n), strongest]
    return X, y


def parabola(n: int = 100, noise: float = 0.1, seed: int | None = 0) -> Dataset:
    """A noisy parabola, ``y = x^2 + noise * N(0, 1)``: a curve no straight line can fit.

    ``x ~ U(-1, 1)``, sorted ascending so that ``plt.plot(X, model.predict(X))`` draws a clean line.
    The best straight line through it is nearly flat, while one hidden layer fits it well.

    Args:
        n: number of samples.
        noise: standard deviation of the Gaussian noise on ``y``.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 1)`` (one feature, sorted); ``y`` float64 ``(n,)``.

    Example:
        >>> X, y = parabola(n=50, noise=0.0)
        >>> bool(np.allclose(y, X[:, 0] ** 2))
        True

    Introduced in notebook 01_what_is_deep_learning (linear vs deep models).
    """
    where = "parabola"
    n, noise, rng = _check_n(n, where), _check_noise(noise, where), _rng(seed, where)
    x = np.sort(rng.uniform(-1.0, 1.0, n))
    y = x**2 + noise * rng.normal(0.0, 1.0, n)
    return x.reshape(-1, 1), y


# --------------------------------------------------------------------------------------------
# Real and realistic tables
# --------------------------------------------------------------------------------------------


def train_test_split(
    X: np.ndarray,
    y: np.ndarray,
    test_size: float | int = 0.25,
    seed: int | None = 0,
    stratify: bool = False,
) -> tuple[Dataset, Dataset]:
    """Split ``(X, y)`` into a shuffled training set and test set.

    Args:
        X: array of shape ``(num_samples, ...)``; rows are examples.
        y: array of shape ``(num_samples, ...)``.
        test_size: a fraction in (0, 1) (rounded up to whole samples, as scikit-learn does), or a
            number of test samples.
        seed: seed for ``numpy.random.default_rng``.
        stratify: if True, split each class of ``y`` separately, so both parts keep the class
            proportions (the test samples are shared out in proportion to the class counts).

    Returns:
        ``((X_train, y_train), (X_test, y_test))``, the layout of ``keras.datasets`` loaders.

    Example:
        >>> X, y = circle(n=100)
        >>> (X_train, y_train), (X_test, y_test) = train_test_split(X, y, test_size=0.2)
        >>> X_train.shape, X_test.shape
        ((80, 2), (20, 2))

    Introduced in notebook 04_layers_and_network_size.
    """
    where = "train_test_split"
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(
            f"{where}: `X` and `y` must have the same number of rows (one per example), got X of "
            f"shape {X.shape} and y of shape {y.shape}. Check that they come from the same dataset."
        )
    n = len(y)
    num_test = _num_test(test_size, n, where)
    rng = _rng(seed, where)
    if stratify:
        labels, counts = np.unique(y, return_counts=True)
        per_class = _share_out(num_test, counts)
        test_parts = [
            rng.permutation(np.flatnonzero(y == label))[:k]
            for label, k in zip(labels, per_class, strict=True)
        ]
        test_idx = rng.permutation(np.concatenate(test_parts))
        train_mask = np.ones(n, dtype=bool)
        train_mask[test_idx] = False
        train_idx = rng.permutation(np.flatnonzero(train_mask))
    else:
        order = rng.permutation(n)
        test_idx, train_idx = order[:num_test], order[num_test:]
    return (X[train_idx], y[train_idx]), (X[test_idx], y[test_idx])


def _share_out(total: int, counts: np.ndarray) -> np.ndarray:
    """Share ``total`` items in proportion to ``counts``, in whole numbers that add up to ``total``.

    Each class gets the floor of its exact share; the items left over go to the classes with the
    largest remainders (the "largest remainder" method), so the test set has exactly ``total`` rows.
    """
    exact = total * counts / counts.sum()
    shares = np.floor(exact).astype(int)
    leftover = total - shares.sum()
    shares[np.argsort(-(exact - shares), kind="stable")[:leftover]] += 1
    return shares


def _num_test(test_size: object, n: int, where: str) -> int:
    if isinstance(test_size, bool) or not isinstance(test_size, Real):
        raise TypeError(
            f"{where}: `test_size` must be a fraction such as 0.25 or a number of samples, got "
            f"{type(test_size).__name__} {test_size!r}."
        )
    if isinstance(test_size, Integral):
        num_test = int(test_size)
    elif 0.0 < test_size < 1.0:
        num_test = math.ceil(test_size * n)
    else:
        raise ValueError(
            f"{where}: `test_size` as a fraction must be between 0 and 1, got {test_size}. "
            "Pass e.g. test_size=0.25 (a quarter of the data for testing)."
        )
    if not 1 <= num_test <= n - 1:
        raise ValueError(
            f"{where}: `test_size`={test_size!r} leaves {num_test} of {n} samples for testing; "
            "both the training and the test set need at least one sample. Pass a fraction such "
            "as 0.25, or a count between 1 and num_samples - 1."
        )
    return num_test


def digits(test_size: float = 0.25, seed: int | None = 0) -> tuple[Dataset, Dataset]:
    """Handwritten digits, 8 x 8 pixels (scikit-learn's bundled copy of the UCI set), split.

    1797 images of the digits 0-9. Each image is flattened to 64 pixel values, scaled from 0..16 to
    [0, 1] by dividing by 16. The split is seeded and stratified (every digit keeps its share in
    both parts). The data ships inside scikit-learn, so nothing is downloaded.

    Args:
        test_size: fraction of the images kept for testing.
        seed: seed for the shuffle.

    Returns:
        ``((X_train, y_train), (X_test, y_test))``: ``X`` float64 of shape ``(m, 64)`` in [0, 1]
        (reshape a row to ``(8, 8)`` to see it); ``y`` int64 labels 0-9.

    Example:
        >>> (X_train, y_train), (X_test, y_test) = digits()
        >>> X_train.shape, X_test.shape
        ((1347, 64), (450, 64))

    Introduced in notebook 09_mlp_from_scratch; used again in 10_fnn_in_keras.
    """
    from sklearn.datasets import load_digits  # imported here: scikit-learn is slow to import

    _num_test(test_size, 1797, "digits")  # same checks and messages as train_test_split
    bunch = load_digits()
    X = bunch.data.astype(np.float64) / 16.0
    y = bunch.target.astype(LABEL_DTYPE)
    return train_test_split(X, y, test_size=test_size, seed=seed, stratify=True)


def house_prices(n: int = 1000, noise: float = 0.05, seed: int | None = 0) -> Dataset:
    """A synthetic housing table whose price depends on its features non-linearly.

    Columns (``HOUSE_PRICE_FEATURES``), drawn so that they look and correlate like real listings:

    - ``area_m2``: living area in square metres, about log-normal around 100, within [40, 300];
    - ``bedrooms``: 1 to 6, about one per 30 m2;
    - ``neighbourhood_score``: 1 (least wanted) to 10 (most wanted), one decimal;
    - ``distance_km``: to shops, schools and transport, mostly under 5 km, at most 15 km;
    - ``age_years``: 0 to 120;
    - ``has_garden``: 0 or 1, more likely further out.

    The price, in **thousands of euros**, is (formula used as written, with NumPy's ``log``)::

        price = (60
                 + area_m2 * (1.5 + 0.3 * neighbourhood_score)
                 + 8 * bedrooms
                 - 30 * np.log(1 + distance_km)
                 - 1.5 * age_years + 0.012 * age_years ** 2
                 + has_garden * (15 + 4 * distance_km))

    so a square metre costs 1,800 to 4,500 euros depending on the neighbourhood (an interaction),
    being close to amenities matters most in the first kilometres (a logarithm), value falls with
    age until old houses become "period" houses again (a U-shape, lowest at 62.5 years), and a
    garden is worth more in the suburbs (another interaction). The smallest possible price is about
    10 k euros; the median is about 340 and 90 % of prices lie between 170 and 670.
    The observed price is ``price * (1 + noise * N(0, 1))``.

    Args:
        n: number of houses.
        noise: relative noise on the price (0.05 means a typical deviation of 5 %).
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: ``X`` float64 of shape ``(n, 6)``, columns as in ``HOUSE_PRICE_FEATURES``;
        ``y`` float64 of shape ``(n,)``, prices in thousands of euros.

    Example:
        >>> X, y = house_prices(n=500, seed=0)
        >>> X.shape, bool(y.min() > 0)
        ((500, 6), True)

    Introduced in notebook 10_fnn_in_keras (house-price regression).
    """
    where = "house_prices"
    n, noise, rng = _check_n(n, where), _check_noise(noise, where), _rng(seed, where)
    area_m2 = np.clip(np.round(np.exp(rng.normal(np.log(100.0), 0.35, n))), 40, 300)
    bedrooms = np.clip(np.round(area_m2 / 30 + rng.normal(0.0, 0.7, n)), 1, 6)
    neighbourhood_score = np.round(rng.uniform(1, 10, n), 1)
    distance_km = np.clip(np.round(rng.exponential(2.5, n), 1), 0.1, 15)
    age_years = rng.integers(0, 121, n).astype(np.float64)
    has_garden = (rng.uniform(0, 1, n) < np.minimum(0.2 + 0.06 * distance_km, 0.9)).astype(
        np.float64
    )
    # Keep this expression identical to the docstring's (a test evaluates the docstring).
    price = (
        60
        + area_m2 * (1.5 + 0.3 * neighbourhood_score)
        + 8 * bedrooms
        - 30 * np.log(1 + distance_km)
        - 1.5 * age_years
        + 0.012 * age_years**2
        + has_garden * (15 + 4 * distance_km)
    )
    y = price * (1.0 + noise * rng.normal(0.0, 1.0, n))
    X = np.column_stack(
        [area_m2, bedrooms, neighbourhood_score, distance_km, age_years, has_garden]
    )
    return X, y


# --------------------------------------------------------------------------------------------
# Access by name
# --------------------------------------------------------------------------------------------

_LOADERS: dict[str, Callable[..., object]] = {
    "circle": circle,
    "xor": xor,
    "gauss": gauss,
    "spiral": spiral,
    "moons": moons,
    "reg_plane": reg_plane,
    "reg_gauss": reg_gauss,
    "parabola": parabola,
    "digits": digits,
    "house_prices": house_prices,
}

NAMES = list(_LOADERS)
"""Every dataset ``load`` knows."""


def load(name: str, **kwargs: object):
    """Load a dataset by name, e.g. ``load("spiral", n=300, noise=0.2, num_classes=3)``.

    Args:
        name: one of ``NAMES``: circle, xor, gauss, spiral, moons, reg_plane, reg_gauss, parabola,
            digits, house_prices.
        **kwargs: passed to that dataset's function.

    Returns:
        What the dataset's function returns: ``(X, y)``, or for ``digits`` the split
        ``((X_train, y_train), (X_test, y_test))``.

    Example:
        >>> X, y = load("xor", n=50, seed=1)
        >>> X.shape
        (50, 2)

    Introduced in notebook 04_layers_and_network_size.
    """
    if not isinstance(name, str) or name not in _LOADERS:
        raise ValueError(f"load: unknown dataset {name!r}. Valid names: {', '.join(NAMES)}.")
    return _LOADERS[name](**kwargs)
