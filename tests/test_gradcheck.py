"""dlcourse.gradcheck: central differences, relative error, the per-parameter report."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse.gradcheck import (
    GradientCheckReport,
    check_gradients,
    gradient_norms,
    numerical_gradient,
    relative_error,
)
from dlcourse.layers import BatchNormalization, Dense, Dropout, Maxout, PReLU
from dlcourse.nn import Sequential
from dlcourse.regularizers import L2

RNG = np.random.default_rng(0)


def test_numerical_gradient_of_known_functions():
    x = np.array([[0.3, -1.2], [2.0, 0.5]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(np.sin(v)), x), np.cos(x),
                               rtol=1e-9)  # fmt: skip
    # f may read x through another reference (as a loss reads a layer's weights)
    holder = {"w": x}
    grad = numerical_gradient(lambda _: float(np.sum(holder["w"] ** 3)), x)
    np.testing.assert_allclose(grad, 3 * x**2, rtol=1e-9)


def test_numerical_gradient_restores_x_exactly_even_when_f_fails():
    x = RNG.normal(size=(3, 2))
    before = x.copy()
    numerical_gradient(lambda v: float(np.sum(v**2)), x)
    np.testing.assert_array_equal(x, before)

    calls = []

    def failing(v):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return float(v.sum())

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(failing, x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_errors():
    with pytest.raises(TypeError, match=r"`f` must be a function of x, got float"):
        numerical_gradient(1.0, np.zeros(2))
    with pytest.raises(TypeError, match=r"`x` must be a float64 NumPy array \(it is nudged in "
                       r"place\), got list"):  # fmt: skip
        numerical_gradient(np.sum, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"got an array of dtype int64"):
        numerical_gradient(np.sum, np.array([1, 2]))
    with pytest.raises(ValueError, match=r"`eps` must be a small positive number, got 0"):
        numerical_gradient(np.sum, np.zeros(2), eps=0)
    with pytest.raises(TypeError, match=r"must return one number \(the loss\), got an array of "
                       r"shape \(2,\)"):  # fmt: skip
        numerical_gradient(lambda v: v * 2, np.zeros(2))
    # a strided view works like any array
    view = np.arange(16.0).reshape(4, 4)[:, 1:3]
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v**2)), view), 2 * view)


def test_relative_error_definition():
    # max over elements of |a - b| / max(1e-8, |a| + |b|)
    assert relative_error([1.0, 2.0], [1.0, 2.2]) == pytest.approx(0.2 / 4.2)
    assert relative_error([1e-12], [0.0]) == pytest.approx(1e-12 / 1e-8)  # the floor
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0  # opposite signs: the worst case
    assert relative_error(3.0, 3.0) == 0.0
    assert relative_error(np.zeros((0, 2)), np.zeros((0, 2))) == 0.0
    with pytest.raises(ValueError, match=r"`a` has shape \(2,\) and `b` has shape \(3,\)"):
        relative_error([1.0, 2.0], [1.0, 2.0, 3.0])


def _mlp():
    return Sequential(
        [
            Dense(5, activation="tanh", seed=0),
            Dense(4, activation="sigmoid", seed=1),
            Dense(3, activation="softmax", seed=2),
        ]
    )


def test_full_mlp_passes_below_1e_minus_7():
    X = RNG.normal(size=(6, 3))
    y = np.array([0, 1, 2, 1, 0, 2])
    report = check_gradients(_mlp(), X, y, "sparse_categorical_crossentropy")
    assert report.ok and report.max_error < 1e-7
    names = [row[0] for row in report.rows]
    assert names == ["dense/W", "dense/b", "dense_1/W", "dense_1/b", "dense_2/W", "dense_2/b",
                     "input X"]  # fmt: skip
    text = str(report)
    assert text.splitlines()[0] == "Gradient check (central differences, eps=1e-05, tol=1e-07)"
    assert text.splitlines()[1].split() == ["parameter", "shape", "max", "|grad|", "max", "|diff|",
                                            "relative", "error", "ok"]  # fmt: skip
    assert "dense_1/W  (5, 4)" in text
    assert text.splitlines()[-1].startswith("passed: max relative error ")
    assert repr(report) == text


@pytest.mark.parametrize(
    ("layers", "loss", "y"),
    [
        # ReLU, PReLU and Maxout have kinks; with these seeds no pre-activation is near 0.
        ([Dense(4, activation="relu", seed=3), Dense(1, seed=4)], "mse", RNG.normal(size=(5, 1))),
        ([Dense(4, seed=5), PReLU(alpha_initializer="random_normal", seed=1), Dense(1, seed=6)],
         "huber", RNG.normal(size=5)),
        ([Maxout(3, 2, seed=7), Dense(2, activation="softmax", seed=8)],
         "categorical_crossentropy", np.eye(2)[[0, 1, 1, 0, 1]]),
        # no bias before BatchNormalization: its gradient is 0 (BN subtracts the mean), and a
        # relative error of two rounding-level numbers is meaningless
        ([Dense(4, use_bias=False, seed=9), BatchNormalization(),
          Dense(1, activation="sigmoid", seed=10)],
         "binary_crossentropy", np.array([1.0, 0.0, 1.0, 1.0, 0.0])),
        ([Dense(3, activation="elu", seed=11, kernel_regularizer=L2(0.1)), Dense(1, seed=12)],
         "mae", np.array([0.3, -10.0, 4.0, 2.0, -1.0])),
    ],
)  # fmt: skip
def test_every_layer_type_in_a_model(layers, loss, y):
    net = Sequential(layers)
    X = RNG.normal(size=(5, 3))
    report = check_gradients(net, X, y, loss)
    assert report.max_error < 1e-6, str(report)


def test_single_layer_and_weights_restored():
    layer = Dense(3, activation="tanh", seed=0)
    X = RNG.normal(size=(4, 2))
    report = check_gradients(layer, X, RNG.normal(size=(4, 3)), "mse")
    assert report.ok
    assert [row[0] for row in report.rows] == ["dense/W", "dense/b", "input X"]

    bn = BatchNormalization(input_dim=2)
    before = bn.get_weights()
    report = check_gradients(bn, RNG.normal(size=(6, 2)) * 3, RNG.normal(size=(6, 2)), "mse")
    assert report.max_error < 1e-6
    for a, b in zip(bn.get_weights(), before, strict=True):  # moving statistics put back
        np.testing.assert_array_equal(a, b)


class _BrokenDense(Dense):
    """A Dense layer whose backward forgets to transpose X: the bug gradient checks exist for."""

    def _backward(self, grad_output):
        grad_input = super()._backward(grad_output)
        self.grads["W"] = self.grads["W"] * 2.0
        return grad_input


def test_a_wrong_backward_is_caught():
    net = Sequential([_BrokenDense(3, activation="tanh", seed=0), Dense(1, seed=1)])
    report = check_gradients(net, RNG.normal(size=(4, 2)), RNG.normal(size=(4, 1)), "mse")
    assert not report.ok
    assert report.max_error == pytest.approx(1 / 3, rel=1e-4)  # |2g - g| / (|2g| + |g|)
    assert "NO" in str(report) and str(report).splitlines()[-1].startswith("FAILED")


def test_dropout_needs_inference_mode():
    net = Sequential([Dense(4, seed=0), Dropout(0.5, seed=0), Dense(1, seed=1)])
    X, y = RNG.normal(size=(4, 2)), RNG.normal(size=(4, 1))
    with pytest.raises(ValueError, match=r"two identical forward passes gave different losses.*"
                       r"Pass training=False"):  # fmt: skip
        check_gradients(net, X, y, "mse")
    assert check_gradients(net, X, y, "mse", training=False).ok


def test_report_properties():
    report = GradientCheckReport(
        rows=[("a", (2,), 1.0, 1e-9, 1e-9), ("b", (3,), 2.0, 1e-6, 5e-7)], tol=1e-7
    )
    assert report.max_error == 5e-7 and not report.ok
    assert GradientCheckReport().ok and GradientCheckReport().max_error == 0.0


def test_gradient_norms_and_vanishing_gradients():
    net = Sequential(
        [Dense(8, activation="sigmoid", seed=i) for i in range(5)] + [Dense(1, seed=9)]
    )
    X, y = RNG.normal(size=(16, 4)), RNG.normal(size=16)
    norms = gradient_norms(net, X, y, "mse")
    _, grads = net.loss_and_gradients(X, y, "mse")
    assert norms == pytest.approx([np.linalg.norm(g) for g in grads[::2]])
    assert len(norms) == 6
    assert norms[0] < norms[-2] / 10  # sigmoid layers: the gradient shrinks towards the input

    bn_net = Sequential([Dense(3, seed=0), BatchNormalization(), Dense(1, seed=1)])
    norms = gradient_norms(bn_net, X, y, "mse")
    assert len(norms) == 2
    np.testing.assert_array_equal(bn_net.layers[1].moving_mean, np.zeros(3))  # untouched


def test_zero_gradient_shows_as_rounding_noise_not_as_a_bug():
    # A bias in front of BatchNormalization has gradient 0: the report says so through its
    # columns (tiny |grad| and |diff|), even though the relative error of two ~1e-16 numbers is big.
    net = Sequential([Dense(4, seed=9), BatchNormalization(), Dense(1, seed=10)])
    report = check_gradients(net, RNG.normal(size=(5, 3)), RNG.normal(size=5), "mse")
    name, _, size, diff, _ = report.rows[1]
    assert name == "dense/b" and size < 1e-12 and diff < 1e-10
    assert all(row[4] < 1e-6 for row in report.rows if row[0] != "dense/b")
