"""CapacityExplorer: seeded, cached training of small MLPs and a view that shows the width curve
(headless, Agg)."""

import numpy as np
import pytest

from dlcourse import losses
from dlcourse.widgets.capacity_explorer import (
    WIDTHS,
    CapacityExplorer,
    CapacityExplorerState,
)


@pytest.fixture(scope="module")
def state():
    return CapacityExplorerState()


def test_a_wide_network_fits_the_training_points_better(state):
    narrow, wide = state.train(1, 1), state.train(64, 1)
    assert wide.train_loss < 0.25 * narrow.train_loss
    assert wide.train_accuracy > narrow.train_accuracy
    assert (narrow.num_params, wide.num_params) == (2 * 1 + 1 + 1 + 1, 2 * 64 + 64 + 64 + 1)


def test_too_many_neurons_overfit(state):
    curve = state.sweep(1)
    assert [r.width for r in curve] == list(WIDTHS)
    best = min(curve, key=lambda r: r.test_loss)
    biggest = curve[-1]
    # The biggest network has the lowest training loss and a test loss well above the best one.
    assert biggest.train_loss == min(r.train_loss for r in curve)
    assert biggest.test_loss > 1.5 * best.test_loss
    assert biggest.test_loss > 5 * biggest.train_loss


def test_results_are_cached_per_width_and_depth(state):
    first = state.train(8, 2)
    count = state.num_trainings
    assert state.train(8, 2) is first
    assert state.num_trainings == count
    state.train(8, 3)
    assert state.num_trainings == count + 1
    assert (8, 2) in state.cache and (8, 3) in state.cache


def test_the_reported_losses_are_the_models_losses():
    state = CapacityExplorerState(epochs=30)
    result = state.train(4, 1)
    bce = losses.get("binary_crossentropy")
    # Rebuild the same run by hand: same seed, same steps, so the same numbers.
    from dlcourse import nn, optimizers

    model = nn.mlp(2, (4,), 1, "relu", "sigmoid", seed=0)
    optimizer = optimizers.get("adam", learning_rate=state.learning_rate)
    F_train = (state.X_train - state.X_train.mean(0)) / state.X_train.std(0)
    F_test = (state.X_test - state.X_train.mean(0)) / state.X_train.std(0)
    for _ in range(30):
        model.train_step(F_train, state.y_train, bce, optimizer)
    assert result.train_loss == pytest.approx(bce(state.y_train, model.predict(F_train)), rel=1e-12)
    assert result.test_loss == pytest.approx(bce(state.y_test, model.predict(F_test)), rel=1e-12)


def test_same_seed_same_numbers_and_few_training_points():
    a, b = CapacityExplorerState(epochs=20), CapacityExplorerState(epochs=20)
    assert a.train(2, 1).test_loss == b.train(2, 1).test_loss
    assert len(a.X_train) == 40 and len(a.X_test) == 400
    assert a.boundary_image(2, 1).shape == (60, 60, 3)


def test_state_errors_teach(state):
    with pytest.raises(ValueError, match="width: must be an int >= 1, got 0"):
        state.train(0, 1)
    with pytest.raises(ValueError, match="depth: must be an int >= 1, got 1.5"):
        state.train(4, 1.5)
    with pytest.raises(ValueError, match="epochs: must be an int >= 1"):
        CapacityExplorerState(epochs=0)


# -- the view -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def view():
    return CapacityExplorer(width=4, depth=1)


def test_view_shows_the_whole_width_curve(view):
    curve = view.state.curve(1)
    assert len(curve) == len(WIDTHS)
    x, y = view.test_line.get_data()
    np.testing.assert_array_equal(x, WIDTHS)
    np.testing.assert_allclose(y, [r.test_loss for r in curve])
    x, y = view.current_marker.get_data()
    assert list(x) == [4, 4]
    assert "width 4, depth 1" in view.text.value


def test_moving_the_width_uses_the_cache_and_redraws(view):
    count = view.state.num_trainings
    before = view.heatmap.get_array().copy()
    png = bytes(view.image.value)
    view.controls["width"].value = 64
    assert view.state.num_trainings == count  # already trained by the depth sweep
    assert not np.allclose(view.heatmap.get_array(), before)
    assert bytes(view.image.value) != png
    result = view.state.cache[64, 1]
    x, y = view.current_marker.get_data()
    assert list(x) == [64, 64] and list(y) == [result.train_loss, result.test_loss]
    assert f"{result.num_params} parameters" in view.text.value


def test_a_new_depth_trains_its_curve_once(view):
    count = view.state.num_trainings
    view.controls["depth"].value = 2
    assert view.state.num_trainings == count + len(WIDTHS)
    x, _ = view.train_line.get_data()
    np.testing.assert_array_equal(x, WIDTHS)
    assert "2 hidden layers" in view.curve_title.get_text()
    view.controls["depth"].value = 1
    view.controls["depth"].value = 2
    assert view.state.num_trainings == count + len(WIDTHS)


def test_callback_errors_are_shown_in_the_view(view, monkeypatch):
    def broken(width, depth):
        raise ValueError("training failed on purpose")

    monkeypatch.setattr(view.state, "train", broken)
    view.controls["width"].value = 2
    assert isinstance(view.last_error, ValueError)
    assert "training failed on purpose" in view.error.value
    assert view.error.layout.display != "none"
