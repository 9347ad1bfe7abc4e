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


# ---- the reference versions of the exercises (the notebook uses them after each check) -------


def test_standardize_uses_the_training_statistics_for_both_arrays():
    X_train = np.array([[1.0, 10.0, 3.0], [3.0, 30.0, 3.0]])
    X_test = np.array([[5.0, 10.0, 4.0]])
    train, test = nb10.standardize(X_train, X_test)
    # means (2, 20, 3), population stds (1, 10, 0 -> 1)
    np.testing.assert_allclose(train, [[-1.0, -1.0, 0.0], [1.0, 1.0, 0.0]])
    np.testing.assert_allclose(test, [[3.0, -1.0, 1.0]])
    np.testing.assert_allclose(train.mean(axis=0), 0.0)


def test_standardize_refuses_mismatched_features():
    with pytest.raises(ValueError, match=r"same features; got shapes \(2, 3\) and \(1, 2\)"):
        nb10.standardize(np.ones((2, 3)), np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"got shapes \(4,\) and \(2,\).*reshape\(-1, 1\)"):
        nb10.standardize(np.ones(4), np.ones(2))


@pytest.mark.parametrize(
    ("losses", "patience", "expected"),
    [
        ([0.9, 0.7, 0.5, 0.4], 2, (4, 3)),  # always improving: all epochs run
        ([0.9, 0.6, 0.7, 0.8, 0.9, 1.0], 2, (4, 1)),
        ([0.9, 0.6, 0.7, 0.8, 0.9, 1.0], 1, (3, 1)),
        ([0.5, 0.6, 0.4, 0.45, 0.44, 0.3, 0.5], 3, (7, 5)),  # a late improvement resets the count
        ([0.5, 0.5, 0.5, 0.5], 2, (3, 0)),  # an equal loss is not an improvement
        ([0.8, 0.9, 0.7], 5, (3, 2)),
        (
            [0.8, 0.9, 0.7],
            0,
            (2, 0),
        ),  # Keras' default patience=0: stop at the first non-improvement
    ],
)
def test_early_stopping_epochs_replays_keras_rule(losses, patience, expected):
    assert nb10.early_stopping_epochs(losses, patience) == expected


def test_early_stopping_epochs_errors_teach():
    with pytest.raises(ValueError, match=r"`val_losses` is empty.*history.history\['val_loss'\]"):
        nb10.early_stopping_epochs([], 2)
    with pytest.raises(ValueError, match=r"`patience` must be an int >= 0 \(epochs\), got -1"):
        nb10.early_stopping_epochs([0.5], -1)


def test_l2_penalty_counts_kernels_only():
    weights = [
        np.array([[1.0, 2.0], [3.0, 0.0]]),
        np.array([10.0, 10.0]),
        np.array([[1.0], [1.0]]),
        np.array([7.0]),
    ]
    assert nb10.l2_penalty(weights, 0.01) == pytest.approx(0.01 * (1 + 4 + 9 + 1 + 1))
    assert nb10.l2_penalty(weights, 0.0) == 0.0


def test_l2_penalty_errors_teach():
    with pytest.raises(
        TypeError, match=r"list model.get_weights\(\) returns.*shape \(2, 2\).*\[W\]"
    ):
        nb10.l2_penalty(np.ones((2, 2)), 0.01)
    with pytest.raises(ValueError, match=r"`l2` must be >= 0, got -0.1"):
        nb10.l2_penalty([np.ones((2, 2))], -0.1)


def test_the_references_pass_their_own_checks(capsys):
    from dlcourse import check

    assert check.standardize(nb10.standardize)
    assert check.early_stopping_epochs(nb10.early_stopping_epochs)
    assert capsys.readouterr().out.count("✅") == 2
