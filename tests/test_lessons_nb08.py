"""The demonstrations of notebook 08_optimizers: paths on surfaces, race summaries, the round
bowl, step replay and the seeded optimizer experiment."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlcourse import data, optimizers, surfaces
from dlcourse.lessons import nb08


def test_optimizer_path_is_plain_gradient_descent_for_sgd():
    bowl = surfaces.get("elongated_bowl")
    path = nb08.optimizer_path(optimizers.SGD(learning_rate=0.1), bowl, steps=5)
    w = np.array(bowl.start)
    expected = [w.copy()]
    for _ in range(5):
        w = w - 0.1 * np.array([0.2 * w[0], 5.0 * w[1]])
        expected.append(w)
    np.testing.assert_allclose(path, np.array(expected), rtol=1e-14)


def test_optimizer_path_stops_when_it_diverges():
    path = nb08.optimizer_path(optimizers.SGD(learning_rate=1.0), "elongated_bowl", steps=500)
    assert len(path) < 501
    assert np.abs(path[-1]).max() > nb08.DIVERGENCE_BOUND
    assert nb08.describe_run("elongated_bowl", path, 0.05).startswith("diverged at step")


def test_optimizer_path_takes_a_start():
    path = nb08.optimizer_path(optimizers.SGD(learning_rate=0.1), "saddle", 3, start=(1.0, 0.0))
    np.testing.assert_allclose(path[:, 1], 0.0)  # on the ridge y = 0 the gradient has no y part
    np.testing.assert_allclose(path[:, 0], [1.0, 0.8, 0.64, 0.512])


def test_race_copies_the_optimizers():
    adam = optimizers.Adam(learning_rate=0.1)
    paths = nb08.race({"adam": adam, "sgd": optimizers.SGD(learning_rate=0.1)}, "rosenbrock", 10)
    assert adam.iterations == 0 and adam.slots == {}  # the given optimizer is still fresh
    assert set(paths) == {"adam", "sgd"} and paths["adam"].shape == (11, 2)
    again = nb08.race({"adam": adam}, "rosenbrock", 10)
    np.testing.assert_array_equal(again["adam"], paths["adam"])


def test_describe_run():
    bowl = surfaces.get("elongated_bowl")
    near = np.array([[1.0, 1.0], [0.2, 0.0], [0.0, 0.001], [0.001, 0.0]])
    assert nb08.describe_run(bowl, near, 0.01) == "converged in 2 steps, final loss 1e-07"
    back_out = np.array([[0.0, 0.0], [1.0, 0.0]])  # passing through does not count
    assert nb08.describe_run(bowl, back_out, 0.01).startswith("not within 0.01 after 1 steps")
    assert nb08.describe_run(bowl, np.zeros((3, 2)), 0.01) == "converged in 0 steps, final loss 0"


def test_round_bowl_gradient_and_regimes():
    bowl = nb08.ROUND_BOWL
    point = np.array([0.7, -1.3])
    eps = 1e-6
    numeric = [(bowl(*(point + d)) - bowl(*(point - d))) / (2 * eps) for d in np.eye(2) * eps]
    np.testing.assert_allclose(bowl.gradient(point), numeric, rtol=1e-8)
    final = {
        lr: bowl(*nb08.optimizer_path(optimizers.SGD(learning_rate=lr), bowl, 30)[-1])
        for lr in (0.05, 0.6, 0.95, 1.05)
    }
    assert final[0.6] < final[0.95] < final[0.05] < bowl(*bowl.start) < final[1.05]


def test_run_steps_replays_gradients_on_a_copy():
    w0 = np.array([1.0, 2.0])
    grads = [np.array([1.0, 0.0]), np.array([0.0, 1.0])]
    w = nb08.run_steps(optimizers.SGD(learning_rate=0.5, momentum=0.5), w0, grads)
    # velocity: [-0.5, 0], then [-0.25, -0.5]; w moves by both.
    np.testing.assert_allclose(w, [0.25, 1.5])
    np.testing.assert_array_equal(w0, [1.0, 2.0])


def test_race_figure_has_one_panel_per_optimizer_and_thins_long_paths():
    paths = nb08.race(
        {"SGD": optimizers.SGD(learning_rate=0.001), "Adam": optimizers.Adam(learning_rate=0.1)},
        "rosenbrock",
        steps=600,
    )
    fig = nb08.race_figure("rosenbrock", paths, "title", max_points=100, ncols=3)
    visible = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in visible] == [
        "SGD (a dot every 6 steps)",
        "Adam (a dot every 6 steps)",
    ]
    line = visible[0].get_lines()[0]
    assert len(line.get_xdata()) <= 101
    assert line.get_xdata()[-1] == pytest.approx(paths["SGD"][-1, 0])  # the last point is kept
    plt.close(fig)


def test_optimizer_experiment_is_seeded_and_fair():
    (X_train, y_train), (X_val, y_val) = data.digits(seed=0)
    X_train, y_train = X_train[:300], y_train[:300]
    choices = {"sgd": ("sgd", {}), "adam": ("adam", {})}
    runs = nb08.optimizer_experiment(
        X_train, y_train, X_val, y_val, choices, [0.01, 0.1], epochs=2, seed=0
    )
    assert set(runs) == {("sgd", 0.01), ("sgd", 0.1), ("adam", 0.01), ("adam", 0.1)}
    for run in runs.values():
        assert len(run["loss"]) == 2 and 0.0 <= run["val_accuracy"] <= 1.0
    # Same seed, same weights and batches: the same numbers again.
    again = nb08.optimizer_experiment(
        X_train, y_train, X_val, y_val, {"adam": ("adam", {})}, [0.01], epochs=2, seed=0
    )
    assert again["adam", 0.01]["loss"] == runs["adam", 0.01]["loss"]
    assert again["adam", 0.01]["val_accuracy"] == runs["adam", 0.01]["val_accuracy"]
    # At the same small learning rate, Adam's per-weight scaling learns much faster than SGD.
    assert runs["adam", 0.01]["val_accuracy"] > runs["sgd", 0.01]["val_accuracy"]


def test_bracketed_search_extends_the_grid_until_the_best_rate_is_inside():
    (X_train, y_train), (X_val, y_val) = data.digits(seed=0)
    X_train, y_train = X_train[:300], y_train[:300]
    # SGD at 0.001 and 0.01 learns little in 2 epochs: the best is at the top edge at first.
    runs = nb08.bracketed_search(
        X_train, y_train, X_val, y_val, {"sgd": ("sgd", {})}, [0.001, 0.01], epochs=2, seed=0
    )
    rates = sorted(lr for _, lr in runs)
    assert rates[:2] == [0.001, 0.01] and len(rates) > 2
    assert all(b == pytest.approx(a * 10) for a, b in zip(rates, rates[1:], strict=False))
    best = nb08.best_learning_rate(runs, "sgd")
    assert rates[0] < best < rates[-1] or len(rates) == 5  # bracketed, or out of extensions
    with pytest.raises(ValueError, match="factor"):
        nb08.bracketed_search(X_train, y_train, X_val, y_val, {}, [0.1], factor=1.0)


def test_best_learning_rate_takes_the_highest_validation_accuracy():
    runs = {("a", 0.1): {"val_accuracy": 0.5}, ("a", 1.0): {"val_accuracy": 0.7}}
    assert nb08.best_learning_rate(runs, "a") == 1.0
    runs["a", 0.01] = {"val_accuracy": 0.7}
    assert nb08.best_learning_rate(runs, "a") == 0.01  # a tie goes to the smaller rate
    with pytest.raises(ValueError, match="'b'"):
        nb08.best_learning_rate(runs, "b")


def test_results_table_marks_the_best_learning_rate():
    runs = {
        ("SGD", 0.01): {"val_accuracy": 0.5},
        ("SGD", 0.1): {"val_accuracy": 0.894},
        ("Adam", 0.01): {"val_accuracy": 0.9422},
        ("Adam", 0.1): {"val_accuracy": 0.9111},
        ("Adam", 0.001): {"val_accuracy": 0.8},
    }
    assert nb08.results_table(runs).splitlines() == [
        "val_accuracy   η = 0.001   η = 0.01    η = 0.1",
        "SGD                            0.50       0.89*",
        "Adam                0.80       0.94*      0.91",
    ]
