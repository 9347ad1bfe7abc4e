"""Playground: the pure state (data, features, seeded MLP, epochs) and the view's controls, buttons,
artists and asyncio play loop, all headless (Agg)."""

import asyncio

import numpy as np
import pytest

from dlcourse import losses, nn
from dlcourse.widgets.playground import FEATURES, Playground, PlaygroundState


def test_a_few_epochs_on_xor_lower_the_loss():
    state = PlaygroundState("xor", hidden=(4,), learning_rate=0.1, seed=0)
    start_train, start_test = state.train_loss[0], state.test_loss[0]
    train, test = state.step(15)
    assert state.epoch == 15
    assert len(state.train_loss) == len(state.test_loss) == 16  # epoch 0 plus 15 epochs
    assert train < 0.8 * start_train
    assert test < 0.8 * start_test


def test_losses_are_the_data_loss_on_the_whole_sets():
    state = PlaygroundState("circle", hidden=(3,), seed=1)
    state.step(2)
    bce = losses.get("binary_crossentropy")
    assert state.train_loss[-1] == pytest.approx(
        bce(state.y_train, state.model.predict(state.F_train)), rel=1e-12
    )
    assert state.test_loss[-1] == pytest.approx(
        bce(state.y_test, state.model.predict(state.F_test)), rel=1e-12
    )


def test_same_settings_same_run_and_the_seed_matters():
    runs = [PlaygroundState("spiral", hidden=(5, 3), optimizer="adam", seed=3) for _ in range(2)]
    for run in runs:
        run.step(4)
    assert runs[0].train_loss == runs[1].train_loss
    assert runs[0].test_loss == runs[1].test_loss
    other = PlaygroundState("spiral", hidden=(5, 3), optimizer="adam", seed=4)
    other.step(4)
    assert other.train_loss != runs[0].train_loss


def test_ten_single_steps_equal_one_step_of_ten():
    a = PlaygroundState("gauss", noise=0.2, hidden=(2,), seed=0)
    b = PlaygroundState("gauss", noise=0.2, hidden=(2,), seed=0)
    a.step(10)
    for _ in range(10):
        b.step(1)
    assert a.train_loss == b.train_loss
    for wa, wb in zip(a.model.get_weights(), b.model.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


def test_an_epoch_equals_train_steps_over_the_seeded_shuffle():
    state = PlaygroundState("xor", hidden=(3,), batch_size=7, seed=2)
    twin = PlaygroundState("xor", hidden=(3,), batch_size=7, seed=2)
    state.step(1)
    order = np.random.default_rng([2, 0]).permutation(len(twin.F_train))
    for start in range(0, len(order), 7):
        idx = order[start : start + 7]
        twin.model.train_step(twin.F_train[idx], twin.y_train[idx], twin.loss, twin.optimizer)
    for w, w_twin in zip(state.model.get_weights(), twin.model.get_weights(), strict=True):
        np.testing.assert_array_equal(w, w_twin)


def test_features_set_the_input_width():
    state = PlaygroundState(features=("x1", "x2", "x1^2", "sin(x2)"), hidden=(4,))
    assert state.num_inputs == 4
    assert state.model.get_weights()[0].shape == (4, 4)
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    np.testing.assert_allclose(
        state.transform(X), np.column_stack([X[:, 0], X[:, 1], X[:, 0] ** 2, np.sin(X[:, 1])])
    )
    # Any order in, the Playground's order out.
    assert PlaygroundState(features=("x1*x2", "x1")).features == ("x1", "x1*x2")


def test_no_hidden_layer_is_logistic_regression():
    state = PlaygroundState(hidden=(), features=("x1", "x2"))
    assert state.layer_sizes == [2, 1]
    assert len(state.model.layers) == 1
    assert state.describe() == "2 → 1 (sigmoid)"


def test_three_class_spiral_uses_a_softmax_output():
    state = PlaygroundState("spiral3", hidden=(6,), seed=0)
    assert state.num_classes == 3
    assert set(np.unique(state.y_train)) == {0, 1, 2}
    output = state.model.layers[-1]
    assert output.units == 3 and output.activation.name == "softmax"
    assert state.loss.name == "sparse_categorical_crossentropy"
    probs = state.probabilities(state.X_test[:5])
    assert probs.shape == (5, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert state.train_loss[0] == pytest.approx(np.log(3), rel=0.2)  # near chance at the start
    assert state.boundary_image().shape == (50, 50, 3)


def test_regularization_and_optimizer_choices_reach_the_model():
    state = PlaygroundState(regularization="l2", regularization_rate=0.1, optimizer="momentum")
    assert state.model.layers[0].kernel_regularizer.l2 == pytest.approx(0.1)
    assert state.optimizer.momentum == pytest.approx(0.9)
    with_penalty = state.model.loss_and_gradients(state.F_train, state.y_train, state.loss)[0]
    assert with_penalty > state.train_loss[0]  # the penalty is added in training, not shown


def test_learning_rate_applies_live_other_changes_rebuild():
    state = PlaygroundState("circle", seed=0)
    state.step(3)
    assert state.configure(learning_rate=0.3) is False
    assert state.epoch == 3 and state.optimizer.learning_rate == 0.3
    assert state.configure(batch_size=5) is False
    assert state.configure(activation="relu") is True
    assert state.epoch == 0 and len(state.train_loss) == 1


def test_boundary_image_is_white_where_the_model_is_unsure():
    state = PlaygroundState(hidden=())
    # All-zero weights: p = 0.5 everywhere, so the picture is plain white.
    state.model.set_weights([np.zeros_like(w) for w in state.model.get_weights()])
    np.testing.assert_allclose(state.boundary_image(), 1.0)


def test_state_errors_teach():
    with pytest.raises(ValueError, match="dataset: got 'moons'; choose one of circle, xor"):
        PlaygroundState("moons")
    with pytest.raises(ValueError, match="features: at least one input feature"):
        PlaygroundState(features=())
    with pytest.raises(ValueError, match=r"features: unknown \['x3'\]"):
        PlaygroundState(features=("x1", "x3"))
    with pytest.raises(ValueError, match="hidden: each layer needs 1 to 8 units"):
        PlaygroundState(hidden=(4, 9))
    with pytest.raises(ValueError, match="hidden: at most 6 hidden layers, got 7"):
        PlaygroundState(hidden=(1,) * 7)
    with pytest.raises(ValueError, match="noise: must be between 0.0 and 0.5, got 0.8"):
        PlaygroundState(noise=0.8)
    with pytest.raises(TypeError, match="batch_size: expected an int"):
        PlaygroundState(batch_size=2.5)
    with pytest.raises(ValueError, match="unknown setting"):
        PlaygroundState().configure(epochs=3)
    with pytest.raises(ValueError, match="num_epochs` must be an int >= 1"):
        PlaygroundState().step(0)


# -- the view -----------------------------------------------------------------------------------


def epoch_in_text(view):
    return int(view.text.value.split("Epoch ")[1].split("<")[0])


def test_buttons_have_the_browser_test_names():
    view = Playground()
    names = {view.controls[k].description for k in ("play", "pause", "step", "reset")}
    assert names == {"Play", "Pause", "Step", "Reset"}
    assert epoch_in_text(view) == 0
    assert view.controls["pause"].disabled and not view.controls["play"].disabled


def test_step_advances_the_epoch_and_changes_the_heatmap():
    view = Playground(dataset="xor", hidden=(4,))
    before = view.heatmap.get_array().copy()
    png = bytes(view.image.value)
    view.controls["step"].click()
    assert view.state.epoch == 1 and epoch_in_text(view) == 1
    assert not np.allclose(view.heatmap.get_array(), before)
    assert bytes(view.image.value) != png
    x, y = view.train_line.get_data()
    np.testing.assert_array_equal(x, [0, 1])
    np.testing.assert_array_equal(y, view.state.train_loss)


def test_reset_restores_epoch_zero():
    view = Playground(dataset="circle", hidden=(3,))
    first_loss = view.state.train_loss[0]
    first_image = view.heatmap.get_array().copy()
    for _ in range(3):
        view.controls["step"].click()
    view.controls["reset"].click()
    assert view.state.epoch == 0 and epoch_in_text(view) == 0
    assert view.state.train_loss == [first_loss]
    np.testing.assert_array_equal(view.heatmap.get_array(), first_image)


def test_feature_checkboxes_change_the_input_width():
    view = Playground(hidden=(4,))
    view.controls["x1^2"].value = True
    view.controls["x1*x2"].value = True
    assert view.state.features == ("x1", "x2", "x1^2", "x1*x2")
    assert view.state.model.get_weights()[0].shape == (4, 4)
    assert "4 → 4 → 1" in view.text.value


def test_depth_and_width_controls_build_the_network():
    view = Playground(hidden=(4, 2))
    view.controls["hidden_layers"].value = 3
    assert view.state.hidden == (4, 2, 2)
    assert view.controls["units_3"].layout.display is None
    assert view.controls["units_4"].layout.display == "none"
    view.controls["units_1"].value = 8
    assert view.state.layer_sizes == [2, 8, 2, 2, 1]
    assert [layer.units for layer in view.state.model.layers] == [8, 2, 2, 1]
    view.controls["hidden_layers"].value = 0
    assert view.state.layer_sizes == [2, 1]


def test_dataset_control_moves_the_points_and_three_classes_get_three_colours():
    view = Playground()
    view.controls["dataset"].value = "spiral3"
    assert view.state.num_classes == 3
    for k in range(3):
        x, _ = view.point_lines["train", k].get_data()
        assert len(x) == np.sum(view.state.y_train == k) > 0
    assert "softmax" in view.text.value


def test_learning_rate_control_keeps_training_state():
    view = Playground()
    view.controls["step"].click()
    view.controls["learning_rate"].value = 0.3
    assert view.state.epoch == 1 and view.state.optimizer.learning_rate == 0.3
    view.controls["optimizer"].value = "adam"
    assert view.state.epoch == 0
    assert type(view.state.optimizer).__name__ == "Adam"


def test_unticking_every_feature_shows_an_error_in_the_view():
    view = Playground()
    view.controls["x1"].value = False
    assert view.last_error is None
    view.controls["x2"].value = False
    assert isinstance(view.last_error, ValueError)
    assert "at least one input feature" in view.error.value
    assert view.error.layout.display != "none"
    assert view.state.features == ("x2",)  # the state kept its last valid settings
    view.controls["x2"].value = True
    assert view.last_error is None and view.error.layout.display == "none"


def test_play_without_an_event_loop_says_how_to_train():
    view = Playground()
    view.controls["play"].click()
    assert isinstance(view.last_error, RuntimeError)
    assert "Step" in view.error.value and "state.step" in view.error.value
    assert not view.playing


def test_play_trains_in_the_background_and_pause_stops_it():
    view = Playground(dataset="xor", hidden=(4,))
    view.frame_seconds = 0.02
    ticks = []

    async def other_work():
        # Stands for the kernel handling other cells and clicks while the widget plays.
        for _ in range(20):
            ticks.append(view.state.epoch)
            await asyncio.sleep(0.01)

    async def session():
        view.controls["play"].click()
        assert view.playing and view.controls["play"].disabled
        await other_work()
        view.controls["pause"].click()
        paused_at = view.state.epoch
        await asyncio.sleep(0.1)
        return paused_at

    paused_at = asyncio.run(session())
    assert view.last_error is None
    assert len(ticks) == 20 and ticks[-1] > ticks[0]  # training advanced between other work
    assert paused_at > 0 and view.state.epoch == paused_at  # nothing trains after Pause
    assert not view.playing and view.controls["pause"].disabled
    assert not view.controls["play"].disabled
    assert epoch_in_text(view) == paused_at


def test_playground_state_uses_dlcourse_sequential():
    assert isinstance(PlaygroundState().model, nn.Sequential)
    assert set(FEATURES) == {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}
