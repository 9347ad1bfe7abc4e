"""Demonstrations for notebook 06_loss_functions.

- ``line_with_outlier``: a small, seeded straight-line data set with one gross outlier.
- ``fit_line``: fit ``y_hat = w * x + b`` by gradient descent on any dlcourse loss, so the notebook
  can show how MSE, MAE and Huber react to the outlier.
- ``parity_cases``: one seeded batch per loss (and per ``from_logits`` setting), on which the notebook
  compares every dlcourse loss with its Keras twin.
- ``keras_logit_lookup_by_backend``: which backends of the installed Keras look behind a probability
  tensor for its logits (read from Keras' source files, without importing any backend).
- ``digits_agree``: how many significant digits two arrays share, a figure that reads the same on
  every CPU (where the last bits of two implementations differ).

Introduced in notebook 06_loss_functions.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from dlcourse import losses
from dlcourse.gradcheck import relative_error

__all__ = [
    "line_with_outlier",
    "fit_line",
    "parity_cases",
    "keras_logit_lookup_by_backend",
    "digits_agree",
]


def line_with_outlier(
    n: int = 20, slope: float = 2.0, intercept: float = 1.0, outlier: float = 40.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points near the line ``y = slope * x + intercept``, the last one pushed up by ``outlier``.

    Args:
        n: number of points, x evenly spaced in [0, 5].
        slope, intercept: the true line.
        outlier: how far the last point is moved above the line (a data-entry error, say).
        seed: seed of the small Gaussian noise (standard deviation 0.3).

    Returns:
        ``(x, y)``, both of shape (n,).

    Example:
        >>> x, y = line_with_outlier()
        >>> x.shape, round(float(y[-1] - (2 * x[-1] + 1)), 0)
        ((20,), 40.0)

    Introduced in notebook 06_loss_functions.
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 5.0, n)
    y = slope * x + intercept + rng.normal(scale=0.3, size=n)
    y[-1] = slope * x[-1] + intercept + outlier
    return x, y


def fit_line(
    x: np.ndarray,
    y: np.ndarray,
    loss: str | losses.Loss,
    learning_rate: float = 0.05,
    epochs: int = 3000,
) -> tuple[float, float]:
    """Fit ``y_hat = w * x + b`` to minimise ``loss``, by full-batch gradient descent from (0, 0).

    The chain rule gives the parameter gradients from the loss's gradient g = dL/dy_hat:
    dL/dw = sum_i g_i * x_i and dL/db = sum_i g_i. The step size shrinks as
    ``learning_rate / sqrt(1 + t / 100)``, so MAE (whose gradient never gets small) settles too.

    Args:
        x, y: the data, shape (n,).
        loss: a loss name or a dlcourse loss (a regression loss: mse, mae, huber).
        learning_rate: initial step size.
        epochs: number of gradient-descent steps.

    Returns:
        ``(w, b)`` as floats.

    Example:
        >>> x = np.array([0.0, 1.0, 2.0]); y = 3 * x - 1
        >>> [round(v, 3) for v in fit_line(x, y, "mse", learning_rate=0.1, epochs=3000)]
        [3.0, -1.0]

    Introduced in notebook 06_loss_functions.
    """
    loss = losses.get(loss)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = b = 0.0
    for t in range(epochs):
        g = loss.gradient(y, w * x + b)
        step = learning_rate / np.sqrt(1.0 + t / 100.0)
        w -= step * float(g @ x)
        b -= step * float(g.sum())
    return float(w), float(b)


def parity_cases(seed: int = 0, n: int = 8, num_classes: int = 3) -> list[tuple]:
    """Inputs on which to compare each dlcourse loss with ``keras.losses``.

    Args:
        seed: seed of the random batch.
        n: samples per batch.
        num_classes: classes for the categorical losses.

    Returns:
        A list of ``(name, kwargs, y_true, y_pred)``: the regression losses on real targets (spread
        wide enough that Huber's two regimes both occur), the cross-entropies on probabilities and
        on logits, and hinge on 0/1 labels with raw scores.

    Example:
        >>> [name for name, kwargs, y_true, y_pred in parity_cases()][:3]
        ['mean_squared_error', 'mean_absolute_error', 'huber']

    Introduced in notebook 06_loss_functions.
    """
    rng = np.random.default_rng(seed)
    y_reg = rng.normal(size=(n, 1))
    p_reg = y_reg + rng.normal(scale=1.5, size=(n, 1))
    y_bin = rng.integers(0, 2, size=(n, 1)).astype(float)
    p_bin = rng.uniform(0.05, 0.95, size=(n, 1))
    z_bin = rng.normal(scale=3.0, size=(n, 1))
    labels = rng.integers(0, num_classes, size=n)
    one_hot = np.eye(num_classes)[labels]
    z_cat = rng.normal(scale=2.0, size=(n, num_classes))
    p_cat = np.exp(z_cat) / np.exp(z_cat).sum(axis=1, keepdims=True)
    return [
        ("mean_squared_error", {}, y_reg, p_reg),
        ("mean_absolute_error", {}, y_reg, p_reg),
        ("huber", {"delta": 1.0}, y_reg, p_reg),
        ("binary_crossentropy", {}, y_bin, p_bin),
        ("binary_crossentropy", {"from_logits": True}, y_bin, z_bin),
        ("categorical_crossentropy", {}, one_hot, p_cat),
        ("categorical_crossentropy", {"from_logits": True}, one_hot, z_cat),
        ("sparse_categorical_crossentropy", {}, labels, p_cat),
        ("sparse_categorical_crossentropy", {"from_logits": True}, labels, z_cat),
        ("hinge", {}, y_bin, z_bin),
    ]


def digits_agree(a, b, cap: int = 10) -> str:
    """The number of significant digits on which two arrays agree everywhere, as text.

    Computed from the largest relative difference ``r`` (``gradcheck.relative_error``) as
    ``floor(-log10(r))``, and capped: ``"10+"`` when they agree to at least ``cap`` digits. Two
    float64 implementations of the same formula usually differ only in the last bits (about 16
    digits), and those last bits change with the CPU's kernels; the capped count does not.

    Args:
        a, b: arrays (or numbers) of the same shape.
        cap: the most digits reported; agreement beyond it prints as ``"{cap}+"``.

    Returns:
        A short string such as ``"10+"`` or ``"3"``.

    Example:
        >>> digits_agree([1.0, 2.0], [1.0, 2.0]), digits_agree([1.0], [1.001])
        ('10+', '3')

    Introduced in notebook 06_loss_functions.
    """
    error = relative_error(a, b)
    if error == 0.0 or -np.log10(error) >= cap:
        return f"{cap}+"
    return str(int(np.floor(-np.log10(error))))


def keras_logit_lookup_by_backend() -> dict[str, bool]:
    """For each backend of the installed Keras 3: do its cross-entropies look for logits?

    Keras' TensorFlow backend defines a helper ``_get_logits`` in ``keras/src/backend/tensorflow/
    nn.py``: given probabilities made by a Keras softmax or sigmoid (or by a Softmax/Sigmoid op in a
    compiled graph), its cross-entropies compute the loss from the logits behind them. This function
    reads each backend's ``nn.py`` as text (importing a backend would need JAX, PyTorch, ...) and
    reports whether that helper is used there.

    Returns:
        ``{backend name: True if its nn.py uses _get_logits}``, sorted by name; empty when Keras is
        not installed (the browser edition, say).

    Example:
        >>> lookup = keras_logit_lookup_by_backend()
        >>> lookup.get("tensorflow", True), lookup.get("jax", False)
        (True, False)

    Introduced in notebook 06_loss_functions.
    """
    spec = importlib.util.find_spec("keras")
    if spec is None or not spec.submodule_search_locations:
        return {}
    backends = Path(list(spec.submodule_search_locations)[0]) / "src" / "backend"
    found = {}
    for nn in sorted(backends.glob("*/nn.py")):
        found[nn.parent.name] = "_get_logits(" in nn.read_text(encoding="utf-8")
    return found
