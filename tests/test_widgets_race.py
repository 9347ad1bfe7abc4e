"""OptimizerRace and dlcourse.surfaces: exact gradients, paths equal to running the optimizers
directly, the convergence rule, and the view's controls moving its artists (headless, Agg)."""

import numpy as np
import pytest

from dlcourse import optimizers, surfaces
from dlcourse.widgets.optimizer_race import (
    OptimizerRace,
    OptimizerRaceState,
    steps_to_converge,
)
from dlcourse.widgets.state.optimizer_race import GOOD_RATES, best_rate


def central_difference(f, x, y, eps=1e-6):
    return np.array(
        [(f(x + eps, y) - f(x - eps, y)) / (2 * eps), (f(x, y + eps) - f(x, y - eps)) / (2 * eps)]
    )


@pytest.mark.parametrize("name", surfaces.NAMES)
def test_surface_gradient_matches_central_differences(name):
    surface = surfaces.get(name)
    rng = np.random.default_rng(0)
    for point in rng.uniform(-1.5, 1.5, (5, 2)):
        numeric = central_difference(surface, *point)
        np.testing.assert_allclose(surface.gradient(point), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", surfaces.NAMES)
def test_surface_minima_are_stationary_and_lowest(name):
    surface = surfaces.get(name)
    for minimum in surface.minima:
        np.testing.assert_allclose(surface.gradient(minimum), [0.0, 0.0], atol=1e-12)
        assert surface(*minimum) == pytest.approx(surface.min_value)
    xx, yy = np.meshgrid(np.linspace(*surface.xlim, 101), np.linspace(*surface.ylim, 101))
    assert surface(xx, yy).min() >= surface.min_value - 1e-12


def test_surface_errors_teach():
    with pytest.raises(ValueError, match="unknown surface 'bowl'.*elongated_bowl, rosenbrock"):
        surfaces.get("bowl")
    with pytest.raises(ValueError, match=r"shape \(2,\).*got shape \(3,\)"):
        surfaces.get("saddle").gradient([1.0, 2.0, 3.0])


def test_steps_to_converge_needs_to_stay_inside():
    assert steps_to_converge(np.array([3.0, 0.001, 0.5, 0.001, 0.0]), 0.01) == 3
    assert steps_to_converge(np.array([0.001, 0.002]), 0.01) == 0
    assert steps_to_converge(np.array([3.0, 0.001, 0.5]), 0.01) is None


def run_directly(optimizer, surface, learning_rate, steps):
    point = np.array(surface.start, dtype=float)
    path = [point.copy()]
    for _ in range(steps):
        optimizer.step([point], [surface.gradient(point)])
        path.append(point.copy())
    return np.array(path)


@pytest.mark.parametrize("surface_name", surfaces.NAMES)
def test_paths_equal_running_the_optimizers_directly(surface_name):
    surface = surfaces.get(surface_name)
    lr, steps = surface.learning_rate, 60
    race = OptimizerRaceState(surface_name, learning_rate=lr, steps=steps)
    results = race.run()
    direct = {
        "sgd": optimizers.get("sgd", learning_rate=lr),
        "momentum": optimizers.get("sgd", learning_rate=lr, momentum=0.9),
        "rmsprop": optimizers.get("rmsprop", learning_rate=lr),
        "adam": optimizers.get("adam", learning_rate=lr),
    }
    for name, opt in direct.items():
        np.testing.assert_allclose(
            results[name].path, run_directly(opt, surface, lr, steps), rtol=1e-12, atol=1e-14
        )
        assert results[name].path.shape == (steps + 1, 2)


def test_bowl_race_tells_the_story():
    results = OptimizerRaceState("elongated_bowl", learning_rate=0.1, steps=400).run()
    # Plain SGD crawls along the shallow axis; momentum and Adam get there much sooner.
    assert results["momentum"].converged_at < results["sgd"].converged_at
    assert results["adam"].converged_at < results["sgd"].converged_at
    assert results["sgd"].summary == f"converged in {results['sgd'].converged_at} steps"
    # A constant-step RMSprop hovers around the minimum at about the learning rate's scale.
    assert results["rmsprop"].converged_at is None
    assert results["rmsprop"].summary.startswith("did not converge in 400 steps")


def test_too_large_learning_rate_diverges_and_stops():
    result = OptimizerRaceState("elongated_bowl", learning_rate=1.0, steps=200).run_one("sgd")
    # Curvature 5 across the valley: lr * 5 > 2 makes each step overshoot further.
    assert result.diverged_at is not None and result.diverged_at < 200
    assert result.summary == f"diverged at step {result.diverged_at}"
    assert np.all(np.isfinite(result.path))
    assert len(result.path) == result.diverged_at


def test_each_optimizer_has_its_own_rate():
    race = OptimizerRaceState("elongated_bowl", learning_rates={"adam": 0.01})
    assert race.learning_rates == {**GOOD_RATES["elongated_bowl"], "adam": 0.01}
    shared = OptimizerRaceState("elongated_bowl", learning_rate=0.05)
    assert set(shared.learning_rates.values()) == {0.05}
    race.set_surface("saddle")
    assert race.learning_rates == GOOD_RATES["saddle"]
    # Each optimizer really runs at its own rate: SGD's path is plain gradient descent at 0.3.
    sgd = OptimizerRaceState("elongated_bowl", steps=20).run_one("sgd")
    bowl = surfaces.get("elongated_bowl")
    expected = run_directly(optimizers.get("sgd", learning_rate=0.3), bowl, 0.3, 20)
    np.testing.assert_allclose(sgd.path, expected, rtol=1e-12)
    with pytest.raises(ValueError, match="'nesterov' is not racing"):
        OptimizerRaceState(learning_rates={"nesterov": 0.1})


@pytest.mark.parametrize("surface", ["elongated_bowl", "saddle"])
def test_good_rates_are_the_grid_best(surface):
    for name, rate in GOOD_RATES[surface].items():
        assert best_rate(surface, name) == rate, (surface, name)


def test_good_rates_beat_one_shared_rate():
    # With each optimizer at its good rate, every one does at least as well as at the surface's
    # single suggested rate (the old shared default).
    fair = OptimizerRaceState("elongated_bowl").run()
    shared = OptimizerRaceState("elongated_bowl", learning_rate=0.1).run()
    for name in fair:
        assert fair[name].distances[-1] <= shared[name].distances[-1] * (1 + 1e-9), name


def test_state_errors_teach():
    with pytest.raises(ValueError, match="unknown name 'nesterov'"):
        OptimizerRaceState(optimizers=("sgd", "nesterov"))
    race = OptimizerRaceState(steps=0)
    with pytest.raises(ValueError, match="steps: must be at least 1, got 0"):
        race.run()
    race = OptimizerRaceState(learning_rate=-0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        race.run()


# -- the view -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def view():
    return OptimizerRace()


def test_view_draws_each_path(view):
    results = view.state.results
    for name, line in view.path_lines.items():
        x, y = line.get_data()
        np.testing.assert_array_equal(x, results[name].path[:, 0])
        np.testing.assert_array_equal(y, results[name].path[:, 1])
    assert bytes(view.image.value[:4]) == b"\x89PNG"
    assert "converged in" in view.text.value


def test_learning_rate_and_steps_controls_rerun_the_race(view):
    view.controls["surface"].value = "elongated_bowl"
    view.controls["steps"].value = 50
    view.controls["learning_rate_adam"].value = 0.01
    assert view.state.learning_rates["adam"] == pytest.approx(0.01)
    assert view.state.learning_rates["sgd"] == GOOD_RATES["elongated_bowl"]["sgd"]  # untouched
    assert view.state.steps == 50
    expected = run_directly(
        optimizers.get("adam", learning_rate=0.01), surfaces.get("elongated_bowl"), 0.01, 50
    )
    x, y = view.path_lines["adam"].get_data()
    np.testing.assert_allclose(np.column_stack([x, y]), expected, rtol=1e-12)
    assert "η = 0.01" in view.text.value
    png_before = view.image.value
    view.controls["learning_rate_sgd"].value = 0.1
    assert view.image.value != png_before
    assert view.state.learning_rates["sgd"] == pytest.approx(0.1)


def test_surface_control_takes_the_surface_defaults(view):
    view.controls["surface"].value = "rosenbrock"
    rosenbrock = surfaces.get("rosenbrock")
    assert view.state.surface is rosenbrock
    for name, rate in GOOD_RATES["rosenbrock"].items():
        assert view.controls[f"learning_rate_{name}"].value == pytest.approx(rate)
    assert view.controls["steps"].value == rosenbrock.steps
    assert view.ax_map.get_xlim() == rosenbrock.xlim
    assert "Rosenbrock" in view.ax_map.get_title() and "Rosenbrock" in view.text.value
    x, _ = view.path_lines["momentum"].get_data()
    assert len(x) == rosenbrock.steps + 1
    assert view.last_error is None


def test_callback_errors_are_shown_in_the_view(monkeypatch):
    view = OptimizerRace(steps=20)

    def broken():
        raise ValueError("surface exploded")

    monkeypatch.setattr(view.state, "run", broken)
    view.controls["steps"].value = 30
    assert isinstance(view.last_error, ValueError)
    assert "surface exploded" in view.error.value
    assert view.error.layout.display != "none"
