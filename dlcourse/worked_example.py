"""The course's worked example: the 3-2-1 network with concrete numbers, forward and backward.

3 inputs, 2 sigmoid hidden neurons, 1 sigmoid output and the loss of one sample: squared error
(the default) or binary cross-entropy.
Notebook 03 computes its forward pass by hand; notebook 07 works its backward pass through the
chain rule; the ``BackpropStepper`` widget steps through it; the notebook 07 checks test the
learner's gradients on it. All of them take the numbers and the arithmetic from here.

The arithmetic is written out in plain NumPy on purpose: notebook 07 checks it against
``dlcourse.gradcheck.numerical_gradient`` and ``tf.GradientTape``.

Introduced in notebook 03_neurons and 07_backpropagation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlcourse import losses
from dlcourse.activations import sigmoid

__all__ = ["X", "Y", "WEIGHTS", "LOSSES", "ThreeTwoOne"]

X = (1.0, 0.5, -1.0)
"""The sample's three inputs."""

Y = 1.0
"""The target."""

WEIGHTS = (
    ((0.2, -0.3), (0.4, 0.1), (-0.5, 0.2)),  # W1: (3, 2), input i -> hidden j
    (0.1, -0.1),  # b1: (2,)
    ((0.6,), (-0.4,)),  # W2: (2, 1), hidden j -> output
    (0.05,),  # b2: (1,)
)
"""The starting weights, in Keras ``get_weights()`` order ``[W1, b1, W2, b2]`` (as tuples, so
nobody changes them by accident: ``np.array(WEIGHTS[0])`` gives the array)."""

PARAM_NAMES = ("W1", "b1", "W2", "b2")

LOSSES = ("mean_squared_error", "binary_crossentropy")
"""The two losses the worked example is written out for (Keras names, computed by
:mod:`dlcourse.losses`, so the values and gradients are Keras'; cross-entropy clips as Keras does)."""


def check_loss(name: str, y: float, *, where: str, argument: str) -> str:
    """``name`` if it is one of :data:`LOSSES` and the target ``y`` suits it, else a ValueError."""
    if name not in LOSSES:
        raise ValueError(f"{where}: `{argument}` must be one of {list(LOSSES)}, got {name!r}.")
    if name == "binary_crossentropy" and not 0.0 <= y <= 1.0:
        raise ValueError(f"{where}: binary_crossentropy needs a target y in [0, 1], got y = {y}.")
    return name


def _default(values) -> np.ndarray:
    return field(default_factory=lambda: np.array(values, dtype=float))


@dataclass
class ThreeTwoOne:
    """The 3-2-1 network with concrete numbers, for one training sample.

    Forward:   z1 = x @ W1 + b1,  h = sigmoid(z1),  z2 = h @ W2 + b2,  y_hat = sigmoid(z2),
               L = (y_hat - y)^2   (Keras' mean squared error for one sample and one output), or
               L = -[y log(y_hat) + (1 - y) log(1 - y_hat)]   (``loss="binary_crossentropy"``).
    Backward:  dL/dy_hat = 2 (y_hat - y)   (cross-entropy: -y/y_hat + (1 - y)/(1 - y_hat)),
               dy_hat/dz2 = y_hat (1 - y_hat),  delta2 = dL/dz2,
               dL/dW2 = h^T delta2,  dL/db2 = delta2,  dL/dh = delta2 W2^T,
               dh/dz1 = h (1 - h),  delta1 = dL/dh * dh/dz1,  dL/dW1 = x^T delta1,  dL/db1 = delta1.
    Update:    p <- p - learning_rate * dL/dp for every parameter p (plain gradient descent).

    Shapes follow the course's convention (W is (num_inputs, units), like a Keras Dense kernel):
    x (3,), W1 (3, 2), b1 (2,), W2 (2, 1), b2 (1,), y a number. ``loss`` is one of
    :data:`LOSSES`; the loss value and dL/dy_hat come from :mod:`dlcourse.losses`, the rest of the
    chain rule is written out here. The default numbers are
    :data:`X`, :data:`WEIGHTS` and :data:`Y`, which the ``BackpropStepper`` widget and the
    notebook 07 checks use too, so every printout agrees.

    Example:
        >>> net = ThreeTwoOne()
        >>> round(float(net.forward()["y_hat"][0]), 4)
        0.5847
        >>> round(ThreeTwoOne(loss_name="binary_crossentropy").loss(), 4)
        0.5366

    Introduced in notebook 03_neurons (by hand) and 07_backpropagation (forward and backward).
    """

    x: np.ndarray = _default(X)
    W1: np.ndarray = _default(WEIGHTS[0])
    b1: np.ndarray = _default(WEIGHTS[1])
    W2: np.ndarray = _default(WEIGHTS[2])
    b2: np.ndarray = _default(WEIGHTS[3])
    y: float = Y
    loss_name: str = "mean_squared_error"

    def __post_init__(self) -> None:
        check_loss(self.loss_name, self.y, where="ThreeTwoOne", argument="loss_name")

    def params(self) -> dict[str, np.ndarray]:
        """The four parameter arrays by name (the arrays themselves, not copies)."""
        return {"W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}

    def forward(self) -> dict[str, np.ndarray]:
        """Every forward value: z1, h (2,), z2, y_hat (1,), and the loss (a float)."""
        z1 = self.x @ self.W1 + self.b1
        h = sigmoid(z1)
        z2 = h @ self.W2 + self.b2
        y_hat = sigmoid(z2)
        loss, dL_dyhat = losses.get(self.loss_name).value_and_gradient([self.y], y_hat)
        return {"z1": z1, "h": h, "z2": z2, "y_hat": y_hat, "loss": loss, "dL/dy_hat": dL_dyhat}

    def loss(self) -> float:
        """The loss at the current parameters (what a numerical gradient perturbs)."""
        return self.forward()["loss"]

    def backward(self) -> dict[str, np.ndarray]:
        """Every local derivative and chain-rule product, keyed by readable names."""
        f = self.forward()
        dL_dyhat = f["dL/dy_hat"]  # MSE: 2 (y_hat - y); cross-entropy: -y/y_hat + (1-y)/(1-y_hat)
        dyhat_dz2 = f["y_hat"] * (1.0 - f["y_hat"])  # sigmoid' written from its output
        delta2 = dL_dyhat * dyhat_dz2  # dL/dz2, (1,)
        dW2 = np.outer(f["h"], delta2)  # dz2/dW2[j] = h[j]  ->  (2, 1)
        db2 = delta2.copy()  # dz2/db2 = 1
        dL_dh = self.W2 @ delta2  # dz2/dh[j] = W2[j]  ->  (2,)
        dh_dz1 = f["h"] * (1.0 - f["h"])
        delta1 = dL_dh * dh_dz1  # dL/dz1, (2,)
        dW1 = np.outer(self.x, delta1)  # dz1[j]/dW1[i, j] = x[i]  ->  (3, 2)
        db1 = delta1.copy()
        return {
            "dL/dy_hat": dL_dyhat,
            "dy_hat/dz2": dyhat_dz2,
            "dL/dz2": delta2,
            "dL/dW2": dW2,
            "dL/db2": db2,
            "dL/dh": dL_dh,
            "dh/dz1": dh_dz1,
            "dL/dz1": delta1,
            "dL/dW1": dW1,
            "dL/db1": db1,
        }

    def gradients(self) -> dict[str, np.ndarray]:
        """dL/dp for the four parameters, keyed "W1", "b1", "W2", "b2"."""
        g = self.backward()
        return {name: g[f"dL/d{name}"] for name in PARAM_NAMES}

    def updated(self, learning_rate: float) -> ThreeTwoOne:
        """A new network after one gradient-descent step (this one is left unchanged)."""
        grads = self.gradients()
        new = {name: p - learning_rate * grads[name] for name, p in self.params().items()}
        return ThreeTwoOne(x=self.x.copy(), y=self.y, loss_name=self.loss_name, **new)

    # ---- the worked example as text -------------------------------------------------------

    def forward_lines(self) -> list[str]:
        """The forward pass written out with the numbers, one line per value."""
        f = self.forward()
        lines = []
        for j in range(2):
            terms = " + ".join(f"({self.x[i]:g})({self.W1[i, j]:g})" for i in range(3))
            lines.append(
                f"z1[{j}] = x·W1[:,{j}] + b1[{j}] = {terms} + ({self.b1[j]:g}) = {f['z1'][j]:.4f}"
            )
        for j in range(2):
            lines.append(
                f"h[{j}]  = sigmoid(z1[{j}]) = sigmoid({f['z1'][j]:.4f}) = {f['h'][j]:.4f}"
            )
        lines.append(
            f"z2    = h·W2 + b2 = ({f['h'][0]:.4f})({self.W2[0, 0]:g}) + "
            f"({f['h'][1]:.4f})({self.W2[1, 0]:g}) + ({self.b2[0]:g}) = {f['z2'][0]:.4f}"
        )
        y_hat = f["y_hat"][0]
        lines.append(f"y_hat = sigmoid(z2) = {y_hat:.4f}")
        if self.loss_name == "mean_squared_error":
            lines.append(f"L     = (y_hat - y)^2 = ({y_hat:.4f} - {self.y:g})^2 = {f['loss']:.4f}")
        else:
            lines.append(
                f"L     = -[y log(y_hat) + (1 - y) log(1 - y_hat)] = -[{self.y:g} log({y_hat:.4f}) "
                f"+ {1 - self.y:g} log({1 - y_hat:.4f})] = {f['loss']:.4f}"
            )
        return lines

    def backward_lines(self) -> list[str]:
        """The backward pass: each local derivative, then each chain-rule product."""
        f = self.forward()
        g = self.backward()
        h, y_hat = f["h"], f["y_hat"][0]
        d2 = g["dL/dz2"][0]
        if self.loss_name == "mean_squared_error":
            output = ("dL/dy_hat", "2(y_hat - y)", f"2({y_hat:.4f} - {self.y:g})")
        else:
            output = (
                "dL/dy_hat",
                "-y/y_hat + (1-y)/(1-y_hat)",
                f"-{self.y:g}/{y_hat:.4f} + {1 - self.y:g}/{1 - y_hat:.4f}",
            )
        rows = [
            (*output, g["dL/dy_hat"][0]),
            ("dy_hat/dz2", "y_hat(1 - y_hat)", f"{y_hat:.4f}(1 - {y_hat:.4f})", g["dy_hat/dz2"][0]),
            (
                "dL/dz2",
                "dL/dy_hat · dy_hat/dz2",
                f"{g['dL/dy_hat'][0]:.4f} · {g['dy_hat/dz2'][0]:.4f}",
                d2,
            ),
        ]
        for j in range(2):
            rows.append(
                (f"dL/dW2[{j}]", f"dL/dz2 · h[{j}]", f"{d2:.4f} · {h[j]:.4f}", g["dL/dW2"][j, 0])
            )
        rows.append(("dL/db2", "dL/dz2 · 1", f"{d2:.4f}", g["dL/db2"][0]))
        for j in range(2):
            rows.append(
                (f"dL/dh[{j}]", f"dL/dz2 · W2[{j}]", f"{d2:.4f} · {self.W2[j, 0]:g}", g["dL/dh"][j])
            )
        for j in range(2):
            rows.append(
                (
                    f"dh[{j}]/dz1[{j}]",
                    f"h[{j}](1 - h[{j}])",
                    f"{h[j]:.4f}(1 - {h[j]:.4f})",
                    g["dh/dz1"][j],
                )
            )
        for j in range(2):
            rows.append(
                (
                    f"dL/dz1[{j}]",
                    f"dL/dh[{j}] · dh[{j}]/dz1[{j}]",
                    f"{g['dL/dh'][j]:.4f} · {g['dh/dz1'][j]:.4f}",
                    g["dL/dz1"][j],
                )
            )
        for i in range(3):
            for j in range(2):
                rows.append(
                    (
                        f"dL/dW1[{i},{j}]",
                        f"dL/dz1[{j}] · x[{i}]",
                        f"{g['dL/dz1'][j]:.4f} · {self.x[i]:g}",
                        g["dL/dW1"][i, j],
                    )
                )
        for j in range(2):
            rows.append(
                (f"dL/db1[{j}]", f"dL/dz1[{j}] · 1", f"{g['dL/dz1'][j]:.4f}", g["dL/db1"][j])
            )
        return [f"{a:<13} = {b:<24} = {c:<18} = {d: .4f}" for a, b, c, d in rows]

    def update_lines(self, learning_rate: float) -> list[str]:
        """Each parameter before and after one step of gradient descent, and the new loss."""
        grads = self.gradients()
        new = self.updated(learning_rate)
        lines = []
        for name, p in self.params().items():
            after = new.params()[name]
            for idx in np.ndindex(p.shape):
                where = ",".join(str(i) for i in idx)
                lines.append(
                    f"{name}[{where}]: {p[idx]: .4f} - {learning_rate:g} · "
                    f"({grads[name][idx]: .4f}) = {after[idx]: .4f}"
                )
        lines.append(f"loss before: {self.loss():.4f}, after one step: {new.loss():.4f}")
        return lines
