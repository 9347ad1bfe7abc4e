"""Class probabilities as a picture: the TensorFlow-Playground-style decision-boundary image.

- ``class_probabilities``: a model's class probabilities ``(n, K)`` (one sigmoid unit becomes
  the two columns ``[1 - p, p]``);
- ``class_colors``: one colour per class, from the Okabe-Ito palette;
- ``probability_image``: an RGB picture of those probabilities, white where the model is unsure.

Used by the Playground and CapacityExplorer widgets (notebooks 04 and 09).
"""

from __future__ import annotations

import numpy as np

from dlcourse import COLORS

__all__ = ["class_probabilities", "class_colors", "probability_image"]


def class_probabilities(model, X: np.ndarray) -> np.ndarray:
    """Class probabilities, shape (n, K): a sigmoid output p becomes the two columns [1 - p, p]."""
    out = np.asarray(model.predict(X), dtype=float)
    if out.ndim == 2 and out.shape[1] == 1:
        return np.hstack([1.0 - out, out])
    return out


def class_colors(num_classes: int) -> np.ndarray:
    """RGB colours (K, 3) for the classes, from the Okabe-Ito palette (blue, orange, green)."""
    from matplotlib.colors import to_rgb

    # Orange for class 0 and blue for class 1, as in TensorFlow Playground.
    order = [COLORS[1], COLORS[0], COLORS[2], COLORS[3], COLORS[4]]
    return np.array([to_rgb(c) for c in order[:num_classes]])


def probability_image(
    probs: np.ndarray, shape: tuple[int, int], strength: float = 0.7
) -> np.ndarray:
    """An RGB picture (H, W, 3) of class probabilities (H*W, K): white where the model is unsure.

    Each pixel mixes the class colours by probability, then fades to white by confidence
    (1 at a one-hot prediction, 0 when all classes are equally likely), like TensorFlow Playground.
    """
    num_classes = probs.shape[1]
    mix = probs @ class_colors(num_classes)
    confidence = (probs.max(axis=1) - 1.0 / num_classes) / (1.0 - 1.0 / num_classes)
    alpha = strength * np.clip(confidence, 0.0, 1.0)[:, None]
    rgb = (1.0 - alpha) + alpha * mix
    return rgb.reshape(*shape, 3)
