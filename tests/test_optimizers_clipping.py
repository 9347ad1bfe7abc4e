"""Gradient clipping of the course's optimizers (``clipnorm``, ``global_clipnorm``, notebook 07)."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import optimizers


def test_clipnorm_scales_each_gradient_array_on_its_own():
    w, b = np.zeros(2), np.zeros(1)
    big, small = np.array([3.0, 4.0]), np.array([0.5])  # norms 5 and 0.5
    optimizers.SGD(learning_rate=1.0, clipnorm=1.0).step([w, b], [big, small])
    np.testing.assert_allclose(w, [-0.6, -0.8])  # scaled to norm 1, direction kept
    np.testing.assert_allclose(b, [-0.5])  # below the limit: unchanged
    np.testing.assert_allclose(big, [3.0, 4.0])  # the caller's gradient is not modified


def test_global_clipnorm_scales_all_gradients_by_one_factor():
    w, b = np.zeros(2), np.zeros(1)
    grads = [np.array([3.0, 0.0]), np.array([4.0])]  # global norm 5
    optimizers.SGD(learning_rate=1.0, global_clipnorm=2.5).step([w, b], grads)
    np.testing.assert_allclose(w, [-1.5, 0.0])
    np.testing.assert_allclose(b, [-2.0])


@pytest.mark.parametrize("name", ["sgd", "rmsprop", "adam", "adagrad"])
def test_clipping_below_the_limit_changes_nothing(name):
    grads = {"w": np.array([0.3, -0.1])}
    plain, clipped = {"w": np.ones(2)}, {"w": np.ones(2)}
    optimizers.get(name, learning_rate=0.1).step(plain, grads)
    optimizers.get(name, learning_rate=0.1, global_clipnorm=10.0).step(clipped, grads)
    np.testing.assert_array_equal(plain["w"], clipped["w"])


def test_clipping_settings_are_checked_and_kept_in_the_config():
    opt = optimizers.Adam(learning_rate=0.01, clipnorm=1.0)
    assert opt.get_config()["clipnorm"] == 1.0 and "global_clipnorm" not in opt.get_config()
    assert repr(optimizers.SGD()) == "SGD(learning_rate=0.01, momentum=0.0, nesterov=False)"
    with pytest.raises(ValueError, match="at most one of `clipnorm`"):
        optimizers.SGD(clipnorm=1.0, global_clipnorm=1.0)
    with pytest.raises(ValueError, match="global_clipnorm"):
        optimizers.SGD(global_clipnorm=-1.0)


def test_clipping_matches_keras():
    keras = pytest.importorskip("keras")
    grads = [np.array([[3.0, -4.0]]), np.array([12.0])]
    for kwargs in ({"clipnorm": 1.0}, {"global_clipnorm": 2.0}):
        ours = [np.ones((1, 2)), np.zeros(1)]
        optimizers.SGD(learning_rate=0.1, **kwargs).step(ours, grads)
        variables = [keras.Variable(np.ones((1, 2))), keras.Variable(np.zeros(1))]
        keras.optimizers.SGD(learning_rate=0.1, **kwargs).apply_gradients(
            zip([keras.ops.convert_to_tensor(g) for g in grads], variables, strict=True)
        )
        for a, v in zip(ours, variables, strict=True):
            np.testing.assert_allclose(a, np.asarray(v.numpy()), rtol=1e-6)
