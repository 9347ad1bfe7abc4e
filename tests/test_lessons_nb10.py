"""The helpers of notebook 10_fnn_in_keras (no TensorFlow needed)."""

import numpy as np
import pytest

from dlcourse.lessons import nb10


class _FakeKeras:
    """Records how predict is called, like a Keras model would be."""

    name = "fake"

    def __init__(self):
        self.calls = []

    def predict(self, X, verbose="auto", batch_size=None):
        self.calls.append({"verbose": verbose, "batch_size": batch_size})
        return np.asarray(X).sum(axis=1, keepdims=True)


def test_quiet_model_passes_verbose_zero_and_returns_an_array():
    fake = _FakeKeras()
    quiet = nb10.QuietModel(fake, batch_size=64)
    out = quiet.predict([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(out, [[3.0], [7.0]])
    assert fake.calls == [{"verbose": 0, "batch_size": 64}]
    assert repr(quiet) == "QuietModel('fake')"


def test_quiet_model_refuses_an_object_without_predict():
    with pytest.raises(TypeError, match=r"QuietModel: `model` must have a predict method.*list"):
        nb10.QuietModel([1, 2, 3])


def test_house_table_lays_out_features_and_price():
    X = np.array([[120.0, 3.0], [64.5, 2.0], [80.0, 1.0]])
    y = np.array([350.0, 152.25, 200.0])
    text = nb10.house_table(X, y, ["area_m2", "bedrooms"], rows=2)
    assert text.splitlines() == [
        "area_m2  bedrooms  price (k EUR)",
        "  120.0       3.0          350.0",
        "   64.5       2.0          152.2",
    ]


def test_house_table_errors_teach():
    with pytest.raises(
        ValueError, match=r"`X` must have shape \(num_houses, 3\).*got shape \(2, 2\)"
    ):
        nb10.house_table(np.zeros((2, 2)), np.zeros(2), ["a", "b", "c"])
    with pytest.raises(ValueError, match=r"`y` must have shape \(2,\).*got shape \(3,\)"):
        nb10.house_table(np.zeros((2, 2)), np.zeros(3), ["a", "b"])


def test_mae_in_target_units_and_keras_column_predictions():
    y = np.array([100.0, 200.0, 300.0])
    assert nb10.mae(y, [110.0, 190.0, 330.0]) == pytest.approx(50.0 / 3)
    assert nb10.mae(y, np.array([[110.0], [190.0], [330.0]])) == pytest.approx(50.0 / 3)


def test_mae_refuses_a_broadcast():
    with pytest.raises(
        ValueError, match=r"mae: `y_true` has shape \(3,\) but `y_pred` has shape \(2,\)"
    ):
        nb10.mae([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        nb10.mae([1.0, 2.0, 3.0], np.zeros((3, 2)))
