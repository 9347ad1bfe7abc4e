"""dlcourse.neuron: weighted sums for one sample and a batch, Neuron output/fires, error messages."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from dlcourse import neuron
from dlcourse.activations import NAMES, get
from dlcourse.neuron import Neuron, weighted_sum


def test_weighted_sum_one_sample():
    assert weighted_sum([1.0, 2.0, 3.0], [0.5, -1.0, 2.0], 0.5) == 1.0 * 0.5 - 2.0 + 6.0 + 0.5
    assert weighted_sum(np.array([2, 4]), np.array([1, 1])) == 6.0  # ints work, b defaults to 0


def test_weighted_sum_batch_is_rowwise():
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(5, 3)), rng.normal(size=3)
    z = weighted_sum(X, w, -0.25)
    assert z.shape == (5,)
    for i in range(5):  # each row is one sample's weighted sum
        assert z[i] == pytest.approx(sum(X[i, j] * w[j] for j in range(3)) - 0.25, rel=1e-12)


def test_neuron_output_and_fires():
    cell = Neuron([0.5, -1.0, 2.0], bias=0.5, activation="sigmoid")
    z = 0.5 - 2.0 + 6.0 + 0.5
    assert cell.num_inputs == 3
    assert cell.weighted_sum([1.0, 2.0, 3.0]) == z
    assert cell.output([1.0, 2.0, 3.0]) == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-14)
    assert bool(cell.fires([1.0, 2.0, 3.0])) is True
    X = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0], [0.0, 0.0, -0.25]])  # z = 5, -0.5, 0
    # Fires means output above f(0) = 0.5: z = 0 gives exactly 0.5, which is not above it.
    np.testing.assert_array_equal(cell.fires(X), [True, False, False])
    assert cell.firing_level == 0.5


@pytest.mark.parametrize("name", [n for n in NAMES if n != "softmax"])
def test_fires_is_output_above_f0_for_every_activation(name):
    # One definition: output above activation(0). For every activation of the course that is
    # z > 0, which is what Neuron.fires tests (exactly, even where the output rounds).
    cell = Neuron([1.0], bias=0.0, activation=name)
    z = np.array([-3.0, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0]).reshape(-1, 1)
    above = cell.output(z) > cell.firing_level
    np.testing.assert_array_equal(cell.fires(z), above)
    np.testing.assert_array_equal(cell.fires(z), z[:, 0] > 0)


def test_a_relu_fires_only_on_a_positive_output():
    relu = Neuron([1.0, -1.0], bias=0.0, activation="relu")
    X = np.array([[2.0, 1.0], [1.0, 2.0], [1.0, 1.0]])  # outputs 1, 0, 0
    np.testing.assert_array_equal(relu.fires(X), [True, False, False])
    assert relu.firing_level == 0.0
    assert bool(Neuron([1.0], 1e-17, activation="sigmoid").fires([0.0])) is True  # z > 0 fires


def test_neuron_activations_and_copy():
    weights = np.array([1.0, -1.0])
    cell = Neuron(weights, bias=0.0, activation="relu")
    weights[0] = 100.0  # the neuron keeps its own copy
    np.testing.assert_array_equal(cell.output([[2.0, 1.0], [1.0, 2.0]]), [1.0, 0.0])
    assert Neuron([1.0], 0.0, activation=get("tanh")).output([0.5]) == pytest.approx(np.tanh(0.5))
    assert Neuron([2.0], 1.0, activation=None).output([3.0]) == 7.0


def test_repr():
    assert repr(Neuron([0.5, -1.0], 0.25, "tanh")) == (
        "Neuron(weights=[ 0.5, -1. ], bias=0.25, activation='tanh')"
    )


def test_docstring_examples_run():
    with np.printoptions(precision=4, suppress=True):
        result = doctest.testmod(neuron, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


# -- error messages
def test_three_features_four_weights():
    with pytest.raises(
        ValueError,
        match=r"weighted_sum: `x` has 3 features \(shape \(3,\), one sample\) but `w` has 4 "
        r"weights\. A neuron needs exactly one weight per input",
    ):
        weighted_sum([1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], 0.0)
    with pytest.raises(
        ValueError, match=r"Neuron: `x` has 3 features \(shape \(2, 3\), a batch.*the neuron has 4"
    ):
        Neuron([1.0, 2.0, 3.0, 4.0], 0.0).output(np.zeros((2, 3)))


def test_bad_shapes():
    with pytest.raises(ValueError, match=r"`w` must be 1-D, one weight per input, got shape"):
        weighted_sum([1.0, 2.0], [[1.0, 2.0]], 0.0)
    with pytest.raises(ValueError, match=r"Neuron: `weights` must be 1-D.*use dlcourse.layers"):
        Neuron(np.ones((2, 3)), 0.0)
    with pytest.raises(ValueError, match=r"`b` must be a single number .*got shape \(2,\)"):
        weighted_sum([1.0, 2.0], [1.0, 2.0], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"`x` must be one sample .* got 3-D shape \(1, 2, 2\)"):
        weighted_sum(np.zeros((1, 2, 2)), [1.0, 2.0])


def test_non_numeric_and_softmax():
    with pytest.raises(TypeError, match=r"weighted_sum: `x` must be numeric.*got str 'abc'"):
        weighted_sum("abc", [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match=r"Neuron: `bias` must be numeric.*NoneType"):
        Neuron([1.0], None)
    with pytest.raises(ValueError, match=r"Unknown activation 'sigmod'\. Did you mean 'sigmoid'"):
        Neuron([1.0], 0.0, activation="sigmod")
    with pytest.raises(ValueError, match=r"softmax of a single neuron|its softmax is always 1"):
        Neuron([1.0], 0.0, activation="softmax").output([1.0])
