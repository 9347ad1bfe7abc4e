"""Demonstrations for notebook 01_what_is_deep_learning.

A timeline of the field, a look inside a trained network (what each layer's output looks like,
how linearly separable it is), a toy data set with a biased history, and a small Markdown table
builder for the notebook's comparison table. The cost of a network as it widens is counted by the
core: ``dlcourse.nn.dense_params`` and ``dlcourse.nn.dense_flops``.

Pure NumPy and matplotlib; nothing here imports TensorFlow.

Introduced in notebook 01_what_is_deep_learning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "TIMELINE",
    "timeline",
    "layer_outputs",
    "pca_2d",
    "linear_probe_accuracy",
    "grid_over",
    "xor_features",
    "biased_loans",
    "LOAN_FEATURES",
    "approval_gap",
    "markdown_table",
]

TIMELINE: list[tuple[int, str, str]] = [
    (1943, "McCulloch & Pitts: the artificial neuron", "neurons"),
    (1958, "Rosenblatt: the perceptron learns its weights", "neurons"),
    (1969, "Minsky & Papert: what perceptrons cannot do (XOR)", "neurons"),
    (1974, "Werbos: backpropagation for neural networks", "backprop"),
    (1986, "Rumelhart, Hinton & Williams: backprop, hidden layers", "backprop"),
    (1989, "LeCun et al.: a CNN reads zip codes", "backprop"),
    (1997, "Hochreiter & Schmidhuber: LSTM", "backprop"),
    (2006, "Hinton et al.: training deep belief nets", "deep"),
    (2009, "ImageNet: millions of labelled images", "deep"),
    (2012, "AlexNet wins ImageNet (GPUs, ReLU, dropout)", "deep"),
    (2014, "Generative adversarial networks", "deep"),
    (2015, "ResNet: 152 layers", "deep"),
    (2017, "The Transformer: attention", "deep"),
]
"""(year, event, era) for the notebook's timeline. Eras: "neurons" (the first wave), "backprop"
(training multi-layer networks), "deep" (the deep-learning era)."""

_ERA_NAMES = {
    "neurons": "artificial neurons",
    "backprop": "backpropagation",
    "deep": "deep learning",
}


def timeline(ax: Any = None, events: Sequence[tuple[int, str, str]] | None = None) -> Any:
    """Draw the history of neural networks: one row per event, years to scale, coloured by era.

    Args:
        ax: a matplotlib Axes; None makes a new figure.
        events: (year, label, era) triples, in time order; default ``TIMELINE``.

    Returns:
        The Axes: one scatter collection per era, one text label per event.

    Introduced in notebook 01_what_is_deep_learning.
    """
    import matplotlib.pyplot as plt

    from dlcourse import COLORS

    events = list(TIMELINE if events is None else events)
    if ax is None:
        _, ax = plt.subplots()
    colors = {era: COLORS[i] for i, era in enumerate(_ERA_NAMES)}
    rows = np.arange(len(events))[::-1]  # first event on top
    first, last = events[0][0], events[-1][0]
    middle = (first + last) / 2
    for era, name in _ERA_NAMES.items():
        index = [i for i, (_, _, e) in enumerate(events) if e == era]
        if index:
            years = [events[i][0] for i in index]
            ax.scatter(years, rows[index], s=30, color=colors[era], zorder=3, label=name)
    for row, (year, label, _) in zip(rows, events, strict=True):
        # labels of early events go right of their marker, late ones left, so all stay inside
        right = year < middle
        ax.annotate(
            f"{year}  {label}" if right else f"{label}  {year}",
            (year, row),
            xytext=(6 if right else -6, 0),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=7.5,
        )
    ax.set_xlim(first - 2, last + 4)
    ax.set_ylim(-0.8, len(events) - 0.2)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("year")
    ax.set_title("Milestones of neural networks")
    ax.legend(loc="lower left", fontsize=8)
    return ax


def layer_outputs(net: Any, X: Any) -> list[np.ndarray]:
    """The input and every layer's output of a dlcourse ``Sequential`` for ``X``.

    Args:
        net: a built dlcourse ``Sequential``.
        X: inputs, shape (num_samples, num_features).

    Returns:
        ``[X, h1, h2, ..., output]``: ``len(net.layers) + 1`` arrays, each (num_samples, width).

    Example:
        >>> from dlcourse.layers import Dense
        >>> from dlcourse.nn import Sequential
        >>> net = Sequential([Dense(3, activation="relu", seed=0), Dense(1, seed=1)])
        >>> [h.shape for h in layer_outputs(net, np.zeros((5, 2)))]
        [(5, 2), (5, 3), (5, 1)]

    Introduced in notebook 01_what_is_deep_learning.
    """
    outputs = [np.asarray(X, dtype=float)]
    if outputs[0].ndim != 2:
        raise ValueError(
            f"layer_outputs: `X` must be 2-D (num_samples, num_features), got shape "
            f"{outputs[0].shape}. For one sample use X.reshape(1, -1)."
        )
    net.predict(outputs[0][:1])  # builds the network if it has not seen data yet
    for layer in net.layers:
        outputs.append(layer.forward(outputs[-1], training=False))
    return outputs


def pca_2d(H: Any, H_new: Any = None) -> Any:
    """Project the rows of ``H`` onto its two directions of largest variance (PCA).

    Used to draw a layer's output, which may have dozens of dimensions, as a 2-D scatter plot.
    Each component's sign is fixed (largest absolute loading positive), so the picture does not
    flip between machines.

    Args:
        H: array of shape (num_samples, width), width >= 1: the rows that define the directions
            (and the centre).
        H_new: optional rows of the same width (new data, e.g. test images) to project onto the
            directions found on ``H``.

    Returns:
        Array (num_samples, 2); for width 1 the second column is zero. With ``H_new``, the pair
        ``(projected H, projected H_new)``.

    Example:
        >>> H = np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 0.1]])
        >>> P, P_new = pca_2d(H, np.array([[6.0, 0.0]]))
        >>> P.shape, P_new.shape, round(float(P_new[0, 0]), 1)  # 4 from the centre, along x
        ((3, 2), (1, 2), 4.0)

    Introduced in notebook 01_what_is_deep_learning.
    """
    H = np.asarray(H, dtype=float)
    if H.ndim != 2:
        raise ValueError(f"pca_2d: `H` must be 2-D (num_samples, width), got shape {H.shape}.")
    new = None if H_new is None else np.asarray(H_new, dtype=float)
    if new is not None and (new.ndim != 2 or new.shape[1] != H.shape[1]):
        raise ValueError(
            f"pca_2d: `H_new` must have the width of `H`, shape (num_new, {H.shape[1]}); got "
            f"shape {new.shape}."
        )
    centre = H.mean(axis=0)
    _, _, vt = np.linalg.svd(H - centre, full_matrices=False)
    components = vt[:2]
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]

    def project(rows: np.ndarray) -> np.ndarray:
        projected = (rows - centre) @ components.T
        if projected.shape[1] == 1:
            projected = np.column_stack([projected, np.zeros(len(projected))])
        return projected

    return project(H) if new is None else (project(H), project(new))


def linear_probe_accuracy(H: Any, y: Any, H_test: Any = None, y_test: Any = None) -> float:
    """How linearly separable a representation is: accuracy of a logistic regression trained on it.

    The features are standardised with the training rows' mean and standard deviation (so every
    layer gets the same fair chance), then scikit-learn's ``LogisticRegression`` (the classical
    linear classifier; softmax regression for more than two classes) is fitted to ``(H, y)``.

    Args:
        H: the representation, (num_samples, width); y: integer class labels, (num_samples,).
        H_test, y_test: where to measure the accuracy; default the training data itself.

    Returns:
        The accuracy, a float in [0, 1].

    Example:
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
        >>> linear_probe_accuracy(X, np.array([0, 0, 1, 1]))
        1.0

    Introduced in notebook 01_what_is_deep_learning.
    """
    from sklearn.linear_model import LogisticRegression  # imported here: slow to import

    H = np.asarray(H, dtype=float)
    y = np.asarray(y)
    if H.ndim != 2 or y.shape != (H.shape[0],):
        raise ValueError(
            f"linear_probe_accuracy: `H` must be (num_samples, width) and `y` (num_samples,), one "
            f"label per row; got shapes {H.shape} and {y.shape}."
        )
    H_test = H if H_test is None else np.asarray(H_test, dtype=float)
    y_test = y if y_test is None else np.asarray(y_test)
    mean, std = H.mean(axis=0), H.std(axis=0)
    std = np.where(std == 0, 1.0, std)  # a unit that never varies (e.g. a dead ReLU)
    probe = LogisticRegression(max_iter=2000).fit((H - mean) / std, y)
    return float(np.mean(probe.predict((H_test - mean) / std) == y_test))


def grid_over(X: Any, resolution: int = 100, margin: float = 0.5) -> tuple[np.ndarray, tuple]:
    """Grid points covering the 2-D data ``X`` (plus a margin), for drawing a unit's response.

    Returns:
        ``(points, extent)``: points of shape (resolution**2, 2), row-major from the bottom-left;
        extent ``(x1_min, x1_max, x2_min, x2_max)`` for ``imshow(..., origin="lower")``.

    Introduced in notebook 01_what_is_deep_learning.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"grid_over: `X` must have shape (num_samples, 2), got {X.shape}.")
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    x1, x2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    return np.column_stack([x1.ravel(), x2.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def xor_features(X: Any) -> np.ndarray:
    """The XOR inputs with the hand-made feature ``x1 * x2`` appended: ``[x1, x2, x1 * x2]``.

    The course's reference for Exercise 1.1. The class of an XOR point is the sign of the product
    ``x1 * x2``, so a logistic regression on these three columns separates XOR, which it cannot
    do on ``[x1, x2]`` alone.

    Args:
        X: points, shape (num_samples, 2).

    Returns:
        Shape (num_samples, 3): the columns ``x1``, ``x2`` and ``x1 * x2``, in that order.

    Example:
        >>> xor_features(np.array([[2.0, 3.0], [1.0, -1.0]]))
        array([[ 2.,  3.,  6.],
               [ 1., -1., -1.]])

    Introduced in notebook 01_what_is_deep_learning (Exercise 1.1).
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"xor_features: `X` must have shape (num_samples, 2), one row per point (x1, x2); "
            f"got shape {X.shape}. For a single point write np.array([[x1, x2]])."
        )
    return np.column_stack([X, X[:, 0] * X[:, 1]])


LOAN_FEATURES = ["score", "group", "postcode"]
"""Columns of ``biased_loans``'s X."""


def biased_loans(n: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A toy history of loan decisions that was unfair to one group of applicants.

    Every applicant has a repayment ``score`` (standard normal, the same distribution in both
    groups), a ``group`` (1 for about 30 % of applicants, group "B"), and a ``postcode`` value
    that says nothing about repayment but is correlated with the group (``N(1.5 * group, 0.5)``),
    as neighbourhoods often are. The historical decisions ``y`` (1 = approved) were
    ``score + N(0, 0.3) > threshold``, with threshold 0 for group A and 0.8 for group B: equally
    good applicants from group B were approved less often.

    Args:
        n: number of applicants.
        seed: seed for ``numpy.random.default_rng``.

    Returns:
        ``(X, y)``: X of shape (n, 3) with columns ``LOAN_FEATURES``; y of shape (n,), 0/1.

    Introduced in notebook 01_what_is_deep_learning (limitations: bias).
    """
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"biased_loans: `n` must be a positive int, got {n!r}.")
    rng = np.random.default_rng(seed)
    group = (rng.uniform(size=n) < 0.3).astype(float)
    score = rng.normal(size=n)
    postcode = rng.normal(1.5 * group, 0.5)
    threshold = np.where(group == 1, 0.8, 0.0)
    y = (score + rng.normal(0.0, 0.3, n) > threshold).astype(int)
    return np.column_stack([score, group, postcode]), y


def approval_gap(probabilities: Any, group: Any) -> float:
    """Mean approval probability of group 0 minus that of group 1.

    A common fairness measure, the *demographic parity difference*:
    ``mean(p[group == 0]) - mean(p[group == 1])``; positive when group 0 is favoured, 0 when both
    groups are approved at the same rate. The course's reference for Exercise 1.3.

    Args:
        probabilities: predicted approval probabilities (or 0/1 decisions), shape (n,) or the
            column (n, 1) that ``predict`` returns.
        group: each applicant's group, shape (n,), values 0 and 1; both groups must occur.

    Returns:
        The gap, a float in [-1, 1].

    Example:
        >>> round(approval_gap(np.array([[0.9], [0.7], [0.2], [0.4]]), np.array([0, 0, 1, 1])), 2)
        0.5

    Introduced in notebook 01_what_is_deep_learning (Exercise 1.3).
    """
    p = np.asarray(probabilities, dtype=float)
    g = np.asarray(group)
    if p.ndim == 2 and p.shape[1] == 1:
        p = p[:, 0]  # the (n, 1) column that predict returns
    if p.ndim != 1 or g.shape != p.shape:
        raise ValueError(
            f"approval_gap: `probabilities` must have shape (n,) or (n, 1) and `group` shape "
            f"(n,), one entry per applicant; got {np.shape(probabilities)} and {g.shape}."
        )
    if not np.all((g == 0) | (g == 1)):
        raise ValueError(
            f"approval_gap: `group` must hold only 0 and 1, got the values {np.unique(g)}."
        )
    if not (np.any(g == 0) and np.any(g == 1)):
        raise ValueError(
            "approval_gap: `group` must contain both groups (0 and 1): the mean of an empty "
            f"group is undefined; got only {np.unique(g)}."
        )
    return float(p[g == 0].mean() - p[g == 1].mean())


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table (for ``IPython.display.Markdown``) from headers and rows of cells.

    Cells are converted with ``str``; a ``|`` inside a cell is escaped.

    Example:
        >>> print(markdown_table(["a", "b"], [[1, "x"]]))
        | a | b |
        | --- | --- |
        | 1 | x |

    Introduced in notebook 01_what_is_deep_learning.
    """
    if any(len(row) != len(headers) for row in rows):
        bad = next(i for i, row in enumerate(rows) if len(row) != len(headers))
        raise ValueError(
            f"markdown_table: row {bad} has {len(rows[bad])} cells but there are "
            f"{len(headers)} headers; give every row one cell per header."
        )

    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("| " + " | ".join("---" for _ in headers) + " |")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
