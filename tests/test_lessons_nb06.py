"""The demonstrations of notebook 06_loss_functions: the outlier data, the line fit, parity cases."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import losses
from dlcourse.lessons import nb06


def test_line_with_outlier_is_seeded_and_has_one_outlier():
    x, y = nb06.line_with_outlier(n=20, slope=2.0, intercept=1.0, outlier=40.0, seed=0)
    x2, y2 = nb06.line_with_outlier(n=20, slope=2.0, intercept=1.0, outlier=40.0, seed=0)
    np.testing.assert_array_equal(y, y2)
    residuals = y - (2 * x + 1)
    assert residuals[-1] == pytest.approx(40.0)
    assert np.max(np.abs(residuals[:-1])) < 1.5  # noise of standard deviation 0.3


def test_fit_line_with_mse_matches_least_squares():
    x, y = nb06.line_with_outlier(outlier=40.0)
    w, b = nb06.fit_line(x, y, "mse")
    expected = np.polyfit(x, y, 1)  # the closed-form least-squares line
    assert (w, b) == pytest.approx(tuple(expected), abs=1e-3)


def test_robust_losses_ignore_the_outlier_and_mse_does_not():
    x, y = nb06.line_with_outlier(outlier=40.0)
    for name in ["mae", "huber"]:
        w, b = nb06.fit_line(x, y, name)
        assert abs(w - 2.0) < 0.1 and abs(b - 1.0) < 0.2, name
    w, _ = nb06.fit_line(x, y, "mse")
    assert w > 3.5


def test_fit_line_accepts_a_loss_object():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    w, b = nb06.fit_line(x, 0.5 * x + 2, losses.Huber(delta=0.5), learning_rate=0.1, epochs=4000)
    assert (w, b) == pytest.approx((0.5, 2.0), abs=1e-3)


def test_parity_cases_cover_every_loss_and_both_kinds_of_input():
    cases = nb06.parity_cases(seed=0)
    assert {name for name, *_ in cases} == set(losses.NAMES)
    for name, kwargs, y_true, y_pred in cases:
        value = losses.get(name, **kwargs)(y_true, y_pred)
        assert np.isfinite(value) and value >= 0
        if name in ("binary_crossentropy", "categorical_crossentropy") and not kwargs:
            assert np.all((y_pred > 0) & (y_pred < 1))  # probabilities, not logits
    huber = [c for c in cases if c[0] == "huber"][0]
    errors = np.abs(huber[3] - huber[2])
    assert np.any(errors < 1.0) and np.any(errors > 1.0)  # both regimes of Huber are exercised


def test_digits_agree_counts_shared_significant_digits_and_caps():
    assert nb06.digits_agree([1.0, 2.0], [1.0, 2.0]) == "10+"
    assert nb06.digits_agree([1.0], [1.0 + 1e-13]) == "10+"  # beyond the cap
    assert nb06.digits_agree([1.0], [1.001]) == "3"
    assert nb06.digits_agree([100.0, 1.0], [100.0, 1.1]) == "1"  # the worst element decides
    assert nb06.digits_agree([1.0], [1.001], cap=2) == "2+"


def test_keras_logit_lookup_is_found_in_the_tensorflow_backend_only():
    pytest.importorskip("keras")
    lookup = nb06.keras_logit_lookup_by_backend()
    assert lookup["tensorflow"] is True
    assert {"jax", "torch", "numpy"} <= set(lookup)
    assert not any(has for name, has in lookup.items() if name != "tensorflow")
    assert list(lookup) == sorted(lookup)


def test_keras_logit_lookup_is_empty_without_keras(monkeypatch):
    monkeypatch.setattr(nb06.importlib.util, "find_spec", lambda name: None)
    assert nb06.keras_logit_lookup_by_backend() == {}
